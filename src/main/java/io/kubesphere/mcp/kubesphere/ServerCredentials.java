package io.kubesphere.mcp.kubesphere;

import io.kubesphere.mcp.config.KubeSphereConfig;
import io.kubesphere.mcp.config.ServerConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Optional;

/** The server's own KubeSphere identity (configured credentials, or a user the target brings, e.g. the sandbox's). */
@ApplicationScoped
public class ServerCredentials {

    private final ServerConfig server;
    private final KubeSphereConfig config;
    private final KubeSphereClient client;
    private final KubeSphereEndpoint endpoint;
    private final Clock clock;
    private volatile Credentials credentials;

    public ServerCredentials(ServerConfig server, KubeSphereConfig config, KubeSphereClient client,
            KubeSphereEndpoint endpoint, Clock clock) {
        this.server = server;
        this.config = config;
        this.client = client;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    public Credentials get() {
        Credentials current = credentials;
        if (current == null) {
            synchronized (this) {
                if (credentials == null) {
                    credentials = create();
                }
                current = credentials;
            }
        }
        return current;
    }

    private Credentials create() {
        if (server.auth() == ServerConfig.Auth.passthrough) {
            return Credentials.refusing("KS_MCP_AUTH=passthrough: this server holds no KubeSphere credentials; each request "
                    + "must carry its caller's KubeSphere token (Authorization: Bearer).");
        }
        KubeSphereTarget target = endpoint.target();
        if (target.defaultUser().isPresent()) {
            String user = config.username().orElse(target.defaultUser().get());
            String password = config.password().orElse(target.knownPassword(user).orElse(null));
            if (password == null) {
                return Credentials.refusing("KUBESPHERE_USERNAME='" + user + "' is not a demo user of the sandbox; "
                        + "unset it (admin) or use one of the demo users listed in the README.");
            }
            return password(user, password);
        }
        Optional<String> token = config.token().filter(t -> !t.isBlank());
        if (config.username().isPresent() && config.password().isPresent()) {
            return password(config.username().get(), config.password().get());
        }
        if (token.isPresent()) {
            return new StaticTokenCredentials(token.get(), "KUBESPHERE_TOKEN");
        }
        return Credentials.refusing("No KubeSphere credentials: set KUBESPHERE_USERNAME and KUBESPHERE_PASSWORD, or KUBESPHERE_TOKEN.");
    }

    private Credentials password(String user, String password) {
        return new PasswordCredentials(client.oauth(), user, password, config.tokenRefreshMargin(), config.loginBackoff(),
                clock, client.events());
    }
}
