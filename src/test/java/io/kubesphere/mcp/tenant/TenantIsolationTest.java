package io.kubesphere.mcp.tenant;

import io.kubesphere.mcp.support.SandboxTest;
import io.kubesphere.mcp.support.StoneshiProfile;
import io.kubesphere.mcp.support.McpTestClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.kubesphere.mcp.support.McpTestClient.text;
import static io.kubesphere.mcp.tenant.TenantTestSupport.IAM;
import static io.kubesphere.mcp.tenant.TenantTestSupport.only;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tenant (stoneshi, regular member of workspace stone) sees its own workspace and gets 403 elsewhere. */
@QuarkusTest
@TestProfile(StoneshiProfile.class)
class TenantIsolationTest extends SandboxTest {

    @Test
    void otherWorkspacesAnswer403InTheWordsOfTheWorkspace() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            sandbox.simulator().clearRequests();
            CallToolResult own = mcp.call("list_workspace_members", Map.of("workspace", "stone"));
            assertFalse(own.isError(), text(own));

            sandbox.simulator().clearRequests();
            CallToolResult other = mcp.call("list_workspace_members", Map.of("workspace", "demo"));
            assertTrue(other.isError());
            assertThat(text(other), containsString("No permission in workspace demo"));
            assertEquals(403, only(sandbox, "GET", IAM + "/workspaces/demo/workspacemembers").status());

            sandbox.simulator().clearRequests();
            CallToolResult invite = mcp.call("invite_workspace_member", Map.of("workspace", "stone",
                    "username", "iso-user"));
            assertTrue(invite.isError(), "a regular member cannot invite");
            assertThat(text(invite), containsString("403"));
        }
    }
}
