package io.kubesphere.mcp.kubesphere;

import io.kubesphere.mcp.config.KubeSphereConfig;
import io.kubesphere.mcp.config.ServerConfig;
import io.kubesphere.mcp.sandbox.Sandbox;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.Optional;

/** The base URL of ks-apiserver: the sandbox simulator, or KUBESPHERE_HOST. Never a silent fallback between them. */
@ApplicationScoped
public class KubeSphereEndpoint {

    private final ServerConfig server;
    private final KubeSphereConfig kubesphere;
    private final Sandbox sandbox;

    public KubeSphereEndpoint(ServerConfig server, KubeSphereConfig kubesphere, Sandbox sandbox) {
        this.server = server;
        this.kubesphere = kubesphere;
        this.sandbox = sandbox;
    }

    /** Why the server cannot run as configured, or empty. */
    public Optional<String> problem() {
        boolean passthrough = server.auth() == ServerConfig.Auth.passthrough;
        if (passthrough && server.transport() != ServerConfig.Transport.http) {
            return Optional.of("KS_MCP_AUTH=passthrough takes each caller's token from the HTTP Authorization header, "
                    + "so it needs KS_MCP_TRANSPORT=http; on stdio use KS_MCP_AUTH=server with KUBESPHERE_* credentials.");
        }
        if (server.sandbox()) {
            return Optional.empty();
        }
        Optional<String> host = kubesphere.host().map(String::strip).filter(h -> !h.isEmpty());
        if (host.isEmpty()) {
            return Optional.of("No KubeSphere to talk to. Set KUBESPHERE_HOST to the ks-apiserver URL "
                    + "(e.g. http://ks-apiserver.kubesphere-system) with KUBESPHERE_USERNAME/KUBESPHERE_PASSWORD or "
                    + "KUBESPHERE_TOKEN, or set KS_MCP_SANDBOX=true to try the built-in simulator with demo data.");
        }
        try {
            URI uri = URI.create(host.get());
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                return Optional.of("KUBESPHERE_HOST must be an http(s) URL such as http://ks-apiserver.kubesphere-system, "
                        + "not '" + host.get() + "'.");
            }
        } catch (IllegalArgumentException e) {
            return Optional.of("KUBESPHERE_HOST is not a valid URL: '" + host.get() + "'.");
        }
        boolean password = kubesphere.username().isPresent() && kubesphere.password().isPresent();
        // Passthrough: the server holds no credentials; every request carries its caller's token.
        if (!passthrough && !password && kubesphere.token().filter(t -> !t.isBlank()).isEmpty()) {
            return Optional.of("No KubeSphere credentials. Set KUBESPHERE_USERNAME and KUBESPHERE_PASSWORD "
                    + "(OAuth password grant), or KUBESPHERE_TOKEN (a bearer token).");
        }
        return Optional.empty();
    }

    public String baseUrl() {
        if (server.sandbox()) {
            return sandbox.baseUrl();
        }
        String host = kubesphere.host().orElseThrow(() -> new IllegalStateException(problem().orElse("no host"))).strip();
        return host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
    }
}
