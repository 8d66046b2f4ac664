package io.kubesphere.mcp.kubesphere;

import io.kubesphere.mcp.config.ConfigCheck;
import io.kubesphere.mcp.config.KubeSphereConfig;
import io.kubesphere.mcp.config.ServerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Optional;

/** The configured {@link KubeSphereTarget} (KUBESPHERE_HOST, or the sandbox's), and whether the setup can run at all. */
@ApplicationScoped
public class KubeSphereEndpoint {

    private final ServerConfig server;
    private final KubeSphereConfig kubesphere;
    private final Instance<KubeSphereTarget> targets;

    public KubeSphereEndpoint(ServerConfig server, KubeSphereConfig kubesphere, Instance<KubeSphereTarget> targets) {
        this.server = server;
        this.kubesphere = kubesphere;
        this.targets = targets;
    }

    public KubeSphereTarget target() {
        return targets.get();
    }

    /** Why the server cannot run as configured, or empty (Main checks the same before Quarkus starts). */
    public Optional<String> problem() {
        var setup = new ConfigCheck.Setup(server.auth() == ServerConfig.Auth.passthrough,
                server.transport() == ServerConfig.Transport.http, server.sandbox(),
                kubesphere.host().map(String::strip).orElse(""), kubesphere.username().map(String::strip).orElse(""),
                kubesphere.password().isPresent(), kubesphere.token().filter(t -> !t.isBlank()).isPresent());
        return Optional.ofNullable(ConfigCheck.setupProblem(setup, user -> target().knownPassword(user).isPresent()));
    }

    public String baseUrl() {
        Optional<String> problem = problem();
        if (problem.isPresent() && !server.sandbox() && kubesphere.host().map(String::isBlank).orElse(true)) {
            throw new IllegalStateException(problem.get());
        }
        return target().baseUrl();
    }
}
