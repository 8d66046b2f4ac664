package io.kubesphere.mcp.kubesphere;

import io.kubesphere.mcp.config.ConfigCheck;
import io.kubesphere.mcp.config.KubeSphereConfig;
import io.kubesphere.mcp.config.ServerConfig;
import io.kubesphere.mcp.sandbox.Sandbox;
import jakarta.enterprise.context.ApplicationScoped;

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

    /** Why the server cannot run as configured, or empty (Main checks the same before Quarkus starts). */
    public Optional<String> problem() {
        var setup = new ConfigCheck.Setup(server.auth() == ServerConfig.Auth.passthrough,
                server.transport() == ServerConfig.Transport.http, server.sandbox(),
                kubesphere.host().map(String::strip).orElse(""), kubesphere.username().map(String::strip).orElse(""),
                kubesphere.password().isPresent(), kubesphere.token().filter(t -> !t.isBlank()).isPresent());
        return Optional.ofNullable(ConfigCheck.setupProblem(setup, Sandbox::isDemoUser));
    }

    public String baseUrl() {
        if (server.sandbox()) {
            return sandbox.baseUrl();
        }
        String host = kubesphere.host().orElseThrow(() -> new IllegalStateException(problem().orElse("no host"))).strip();
        return host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
    }
}
