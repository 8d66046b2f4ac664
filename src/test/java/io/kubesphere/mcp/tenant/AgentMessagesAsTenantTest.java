package io.kubesphere.mcp.tenant;

import io.kubesphere.mcp.support.McpTestClient;
import io.kubesphere.mcp.support.SandboxTest;
import io.kubesphere.mcp.support.StoneshiProfile;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.kubesphere.mcp.support.McpTestClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** whoami of a tenant who belongs to one workspace (stoneshi in the demo data). */
@QuarkusTest
@TestProfile(StoneshiProfile.class)
class AgentMessagesAsTenantTest extends SandboxTest {

    @Test
    void oneWorkspaceIsOneWorkspace() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            CallToolResult whoami = mcp.call("whoami", Map.of());
            assertFalse(whoami.isError(), text(whoami));
            assertEquals("stoneshi (platform role platform-regular), sees 1 workspace: stone", text(whoami));
        }
    }
}
