package io.kubesphere.mcp.tenant;

import io.kubesphere.mcp.support.SandboxTest;
import io.kubesphere.mcp.support.McpTestClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.kubesphere.mcp.support.McpTestClient.text;
import static io.kubesphere.mcp.tenant.TenantTestSupport.ACCEPT;
import static io.kubesphere.mcp.tenant.TenantTestSupport.DECLINE;
import static io.kubesphere.mcp.tenant.TenantTestSupport.TENANT;
import static io.kubesphere.mcp.tenant.TenantTestSupport.api;
import static io.kubesphere.mcp.tenant.TenantTestSupport.body;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Policy rule 4 for create_workspace: its manager becomes workspace admin, so a manager other than the caller needs a
 * person's confirmation, as any admin grant does (KS_MCP_ALLOW_PRIVILEGED_GRANTS: {@link PrivilegedGrantsAllowedTest}).
 */
@QuarkusTest
class WorkspaceManagerGrantTest extends SandboxTest {

    private static Map<String, Object> managedBy(String workspace, String manager) {
        return Map.of("workspace", workspace, "clusters", List.of("host"), "manager", manager);
    }

    @Test
    void anotherManagerWithoutAPersonToAskIsRefusedAndNothingSent() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            CallToolResult r = mcp.call("create_workspace", managedBy("wm-no-elicitation", "stoneshi"));
            assertTrue(Boolean.TRUE.equals(r.isError()), text(r));
            assertThat(text(r), allOf(containsString("stoneshi"), containsString("workspace admin"),
                    containsString("KS_MCP_ALLOW_PRIVILEGED_GRANTS")));
            assertThat(api(sandbox), empty());
        }
    }

    @Test
    void anotherManagerThePersonDeclinesIsRefusedAndNothingSent() {
        try (McpTestClient mcp = McpTestClient.http(root, DECLINE)) {
            CallToolResult r = mcp.call("create_workspace", managedBy("wm-declined", "stoneshi"));
            assertTrue(Boolean.TRUE.equals(r.isError()), text(r));
            assertThat(text(r), containsString("did not confirm"));
            assertEquals(1, mcp.elicitations().size());
            assertThat(api(sandbox), empty());
        }
    }

    @Test
    void anotherManagerThePersonConfirmsIsCreated() {
        try (McpTestClient mcp = McpTestClient.http(root, ACCEPT)) {
            CallToolResult r = mcp.call("create_workspace", managedBy("wm-confirmed", "stoneshi"));
            assertFalse(Boolean.TRUE.equals(r.isError()), text(r));
            assertEquals(1, mcp.elicitations().size());
            assertThat(mcp.elicitations().get(0).message(), allOf(containsString("stoneshi"),
                    containsString("wm-confirmed"), containsString("workspace admin")));
            assertEquals("stoneshi", body(TenantTestSupport.write(sandbox, "stoneshi", "POST", TENANT + "/workspacetemplates"))
                    .at("/spec/template/spec/manager").asText());
        }
    }

    @Test
    void theCallerAsManagerNeedsNoConfirmation() {
        try (McpTestClient mcp = McpTestClient.http(root, DECLINE)) {
            CallToolResult named = mcp.call("create_workspace", managedBy("wm-self", "admin"));
            assertFalse(Boolean.TRUE.equals(named.isError()), text(named));
            CallToolResult defaulted = mcp.call("create_workspace", Map.of("workspace", "wm-default",
                    "clusters", List.of("host")));
            assertFalse(Boolean.TRUE.equals(defaulted.isError()), text(defaulted));
            assertTrue(mcp.elicitations().isEmpty());
        }
    }
}
