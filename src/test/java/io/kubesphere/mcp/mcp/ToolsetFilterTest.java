package io.kubesphere.mcp.mcp;

import io.kubesphere.mcp.kubesphere.UpstreamGuard;
import io.kubesphere.mcp.support.SandboxTest;
import io.kubesphere.mcp.support.McpTestClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.kubesphere.mcp.support.McpTestClient.text;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** KS_MCP_TOOLSETS filters tools/list and tools/call, and closes the disabled toolset's routes. */
@QuarkusTest
@TestProfile(ToolsetFilterTest.DevopsOnly.class)
class ToolsetFilterTest extends SandboxTest {

    public static class DevopsOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ks.mcp.toolsets", "devops");
        }
    }

    @Inject
    UpstreamGuard guard;

    @Test
    void tenantToolsAreHiddenRefusedAndTheirRoutesClosed() {
        sandbox.simulator().clearRequests();
        try (McpTestClient mcp = McpTestClient.http(root)) {
            assertTrue(mcp.tools().stream().noneMatch(t -> t.name().equals("whoami") || t.name().equals("get_workspace")));
            CallToolResult refused = mcp.call("get_workspace", Map.of("workspace", "stone"));
            assertTrue(refused.isError());
            assertThat(text(refused), containsString("'tenant' toolset"));
            assertThat(text(refused), containsString("KS_MCP_TOOLSETS"));
        }
        assertThat(sandbox.simulator().requests(), empty());
        assertFalse(guard.permits("GET", "/kapis/tenant.kubesphere.io/v1beta1/workspacetemplates/stone"));
    }
}
