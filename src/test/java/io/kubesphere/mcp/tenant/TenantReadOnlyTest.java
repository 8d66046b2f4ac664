package io.kubesphere.mcp.tenant;

import io.kubesphere.mcp.support.SandboxTest;
import io.kubesphere.mcp.support.McpTestClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.kubesphere.mcp.support.McpTestClient.text;
import static io.kubesphere.mcp.tenant.TenantTestSupport.ACCEPT;
import static io.kubesphere.mcp.tenant.TenantTestSupport.api;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** KS_MCP_READ_ONLY=true: the tenant write tools are neither listed nor callable; the read tools still work. */
@QuarkusTest
@TestProfile(TenantReadOnlyTest.ReadOnly.class)
class TenantReadOnlyTest extends SandboxTest {

    public static class ReadOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ks.mcp.read.only", "true");
        }
    }

    static final Map<String, Map<String, Object>> WRITES = Map.of(
            "create_workspace", Map.of("workspace", "ro-ws", "clusters", List.of("host")),
            "create_project", Map.of("cluster", "host", "workspace", "stone", "project", "ro-project"),
            "create_user", Map.of("username", "ro-user", "email", "ro-user@example.com", "password", "Abcdefg1"),
            "set_platform_role", Map.of("username", "stoneshi", "globalrole", "platform-regular"),
            "invite_workspace_member", Map.of("workspace", "stone", "username", "ro-user"),
            "set_workspace_role", Map.of("workspace", "stone", "username", "stoneshi", "role", "viewer"),
            "invite_project_member", Map.of("cluster", "host", "project", "stone-project", "username", "ro-user"),
            "set_project_role", Map.of("cluster", "host", "project", "stone-project", "username", "stoneshi",
                    "role", "viewer"));

    @Test
    void writeToolsAreHiddenAndRefused() {
        sandbox.simulator().clearRequests();
        try (McpTestClient mcp = McpTestClient.http(root, ACCEPT)) {
            Set<String> listed = mcp.tools().stream().map(t -> t.name()).collect(Collectors.toSet());
            for (String read : List.of("list_projects", "list_users", "get_user", "list_workspace_members",
                    "list_project_members", "list_roles")) {
                assertTrue(listed.contains(read), read + " is listed");
            }
            WRITES.forEach((tool, args) -> {
                assertFalse(listed.contains(tool), tool + " must not be listed");
                CallToolResult r = mcp.call(tool, args);
                assertTrue(r.isError(), tool + " must be refused");
                assertThat(text(r), containsString("KS_MCP_READ_ONLY"));
            });
            assertThat(api(sandbox), empty());
            assertTrue(mcp.elicitations().isEmpty());
            CallToolResult read = mcp.call("list_roles", Map.of("scope", "platform"));
            assertFalse(read.isError(), text(read));
        }
    }
}
