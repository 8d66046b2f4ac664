package io.kubesphere.mcp.sandbox;

import io.kubesphere.mcp.kubesphere.KubeSphereTarget;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** KS_MCP_SANDBOX=true: the built-in simulator on loopback, with its demo users (admin unless another is named). */
@ApplicationScoped
@LookupIfProperty(name = "ks.mcp.sandbox", stringValue = "true")
public class SandboxTarget implements KubeSphereTarget {

    private final Sandbox sandbox;

    public SandboxTarget(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public String baseUrl() {
        return sandbox.baseUrl();
    }

    @Override
    public Optional<String> defaultUser() {
        return Optional.of("admin");
    }

    @Override
    public Optional<String> knownPassword(String username) {
        return Optional.ofNullable(KubeSphereSimulator.demoPassword(username));
    }
}
