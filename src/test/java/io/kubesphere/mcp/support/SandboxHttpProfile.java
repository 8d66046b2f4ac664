package io.kubesphere.mcp.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The artifact that @QuarkusIntegrationTest launches (the jar, or the native executable under -Dnative) runs with the
 * prod profile: this makes it serve streamable HTTP on the built-in simulator. Passed to it as -D options.
 */
public class SandboxHttpProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("ks.mcp.sandbox", "true", "ks.mcp.transport", "http");
    }
}
