package io.kubesphere.mcp.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesphere.mcp.sandbox.RecordedRequest;
import io.kubesphere.mcp.support.McpTestClient;
import io.kubesphere.mcp.support.SandboxTest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.kubesphere.mcp.support.McpTestClient.ok;
import static io.kubesphere.mcp.support.McpTestClient.structured;
import static io.kubesphere.mcp.support.McpTestClient.text;
import static io.kubesphere.mcp.tenant.TenantTestSupport.ACCEPT;
import static io.kubesphere.mcp.tenant.TenantTestSupport.IAM;
import static io.kubesphere.mcp.tenant.TenantTestSupport.body;
import static io.kubesphere.mcp.tenant.TenantTestSupport.write;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * When "{workspace}-{role}" is over 63 characters KubeSphere names the built-in workspace role
 * "{role}.{FNV-1a 64 hex of the workspace}". The simulator does the same, so a tool sending the plain name fails.
 */
@QuarkusTest
class LongWorkspaceNamesTest extends SandboxTest {

    /** 62 characters: every built-in role name is hashed. */
    static final String LONG = "payments-platform-engineering-shared-services-europe-west1-mcp";
    static final String HASH = "a27e78173659aa6c";
    /** 57 characters: "{ws}-admin" is exactly 63 and stays plain; the other three are hashed. */
    static final String MIXED = "payments-platform-engineering-shared-services-europe-west";
    static final String MIXED_HASH = "e64d1b088d27d866";

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(CallToolResult result) {
        return (List<Map<String, Object>>) structured(result).get("items");
    }

    @Test
    void managerBindingMembersInvitesAndRoleChangesUseTheHashedNames() {
        try (McpTestClient mcp = McpTestClient.http(root, ACCEPT)) {
            ok(mcp.call("create_workspace", Map.of("workspace", LONG, "clusters", List.of("host"),
                    "manager", "stoneshi")));

            CallToolResult members = ok(mcp.call("list_workspace_members", Map.of("workspace", LONG)));
            assertEquals(List.of(Map.of("username", "stoneshi", "role", "admin." + HASH, "built_in_role", "admin")),
                    items(members), "the controller's manager binding shows as the built-in admin role");
            assertThat(text(members), containsString("stoneshi (admin)"));

            sandbox.simulator().clearRequests();
            CallToolResult invited = ok(mcp.call("invite_workspace_member", Map.of("workspace", LONG,
                    "username", "demo-user", "role", "viewer")));
            RecordedRequest post = write(sandbox, "demo-user", "POST", IAM + "/workspaces/" + LONG + "/workspacemembers");
            assertEquals(200, post.status());
            assertEquals("viewer." + HASH, body(post).at("/0/roleRef").asText());
            assertEquals("viewer." + HASH, structured(invited).get("role"));

            sandbox.simulator().clearRequests();
            ok(mcp.call("set_workspace_role", Map.of("workspace", LONG, "username", "demo-user", "role", "regular")));
            JsonNode put = body(TenantTestSupport.only(sandbox, "PUT",
                    IAM + "/workspaces/" + LONG + "/workspacemembers/demo-user"));
            assertEquals("regular." + HASH, put.path("roleRef").asText());

            // The person is asked about the role by the name KubeSphere will bind.
            ok(mcp.call("set_workspace_role", Map.of("workspace", LONG, "username", "demo-user", "role", "admin")));
            // (The first question was about the manager of the new workspace.)
            assertThat(mcp.elicitations().get(mcp.elicitations().size() - 1).message(),
                    containsString("admin." + HASH));

            CallToolResult roles = ok(mcp.call("list_roles", Map.of("scope", "workspace", "workspace", LONG)));
            assertEquals(4, items(roles).size());
            for (Map<String, Object> role : items(roles)) {
                assertEquals(true, role.get("built_in"), role.toString());
                assertEquals(true, role.get("assignable"), role.toString());
            }
            assertThat(text(roles), containsString("viewer." + HASH + " (built-in)"));
        }
    }

    @Test
    void aWorkspaceCanHavePlainAndHashedBuiltInRoles() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            ok(mcp.call("create_workspace", Map.of("workspace", MIXED, "clusters", List.of("host"))));
            CallToolResult roles = ok(mcp.call("list_roles", Map.of("scope", "workspace", "workspace", MIXED)));
            assertEquals(List.of(MIXED + "-admin", "regular." + MIXED_HASH, "self-provisioner." + MIXED_HASH,
                    "viewer." + MIXED_HASH), items(roles).stream().map(r -> (String) r.get("name")).sorted().toList());
            items(roles).forEach(r -> assertEquals(true, r.get("built_in"), r.toString()));

            CallToolResult members = ok(mcp.call("list_workspace_members", Map.of("workspace", MIXED)));
            assertEquals(List.of(Map.of("username", "admin", "role", MIXED + "-admin", "built_in_role", "admin")),
                    items(members));
            ok(mcp.call("invite_workspace_member", Map.of("workspace", MIXED, "username", "demo-user",
                    "role", "self-provisioner")));
            assertThat(items(ok(mcp.call("list_workspace_members", Map.of("workspace", MIXED)))).toString(),
                    containsString("built_in_role=self-provisioner"));
        }
    }
}
