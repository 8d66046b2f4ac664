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
import static io.kubesphere.mcp.tenant.TenantTestSupport.api;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Arguments no looser than the published schema: an enum is one of its strings exactly, a name its pattern. */
@QuarkusTest
class ExactInputsTest extends SandboxTest {

    private void refused(CallToolResult result, String parameter) {
        assertTrue(Boolean.TRUE.equals(result.isError()), () -> "expected a refusal, got " + text(result));
        assertThat(text(result), containsString(parameter));
        assertThat(text(result), containsString("Nothing was sent"));
        assertThat("nothing may reach KubeSphere", api(sandbox), empty());
    }

    @Test
    void enumsTakeNeitherPositionsNorPaddedOrControlText() {
        try (McpTestClient mcp = McpTestClient.http(root, ACCEPT)) {
            // globalrole: 1 was written as platform-self-provisioner.
            for (Object role : List.of(1, 0, "1", "platform-regular ", " platform-regular", "platform-regular\u0000",
                    "platform-regular\n", "PLATFORM-REGULAR", "PLATFORM_REGULAR", true, List.of("platform-regular"))) {
                refused(mcp.call("set_platform_role", Map.of("username", "stoneshi", "globalrole", role)),
                        "globalrole");
            }
            for (Object role : List.of(3, "admin ", "admin\u0000", "\tadmin", "ADMIN")) {
                refused(mcp.call("invite_workspace_member", Map.of("workspace", "stone", "username", "stoneshi",
                        "role", role)), "role");
                refused(mcp.call("invite_project_member", Map.of("cluster", "host", "project", "stone-project",
                        "username", "stoneshi", "role", role)), "role");
            }
            // The refusal names the valid values.
            assertThat(text(mcp.call("set_platform_role", Map.of("username", "stoneshi", "globalrole", 1))),
                    containsString("platform-regular, platform-self-provisioner, platform-admin"));
        }
    }

    @Test
    void theExactStringsStillWork() {
        try (McpTestClient mcp = McpTestClient.http(root, ACCEPT)) {
            CallToolResult set = mcp.call("set_platform_role", Map.of("username", "stoneshi",
                    "globalrole", "platform-regular"));
            assertFalse(Boolean.TRUE.equals(set.isError()), text(set));
        }
    }

    @Test
    void namesTakeNoPaddingOrControlCharacters() {
        try (McpTestClient mcp = McpTestClient.http(root, ACCEPT)) {
            for (String name : List.of("stone ", " stone", "stone\u0000", "stone\n", "stone\t", "sto ne", "STONE",
                    "stone\u200b")) {
                refused(mcp.call("get_workspace", Map.of("workspace", name)), "workspace");
                refused(mcp.call("get_user", Map.of("username", name.replace("stone", "stoneshi"))), "username");
                refused(mcp.call("list_projects", Map.of("workspace", name)), "workspace");
            }
        }
    }
}
