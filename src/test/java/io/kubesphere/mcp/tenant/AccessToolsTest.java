package io.kubesphere.mcp.tenant;

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
import static io.kubesphere.mcp.tenant.TenantTestSupport.IAM;
import static io.kubesphere.mcp.tenant.TenantTestSupport.TENANT;
import static io.kubesphere.mcp.tenant.TenantTestSupport.api;
import static io.kubesphere.mcp.tenant.TenantTestSupport.existingUser;
import static io.kubesphere.mcp.tenant.TenantTestSupport.only;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** explain_user_access: one answer with platform, workspace, project and DevOps roles; a bounded fan-out. */
@QuarkusTest
class AccessToolsTest extends SandboxTest {

    @Test
    @SuppressWarnings("unchecked")
    void aRegularMembersRolesWorkspaceByWorkspace() {
        CallToolResult r = ok(call("explain_user_access", Map.of("username", "stoneshi")));
        assertThat(text(r), containsString("stoneshi (Active), platform role platform-regular. Workspace stone: "
                + "regular; DevOps project stone-devops (host): operator; project stone-project (host): viewer"));
        Map<String, Object> access = structured(r);
        assertEquals(true, access.get("complete"));
        List<Map<String, Object>> workspaces = (List<Map<String, Object>>) access.get("workspaces");
        assertEquals(List.of("stone"), workspaces.stream().map(w -> w.get("workspace")).toList(),
                "demo, where stoneshi is no member, is not listed");
        List<RecordedRequest> sent = api(sandbox);
        assertEquals("GET " + IAM + "/users/stoneshi", sent.get(0).method() + " " + sent.get(0).path());
        assertEquals("page=1&limit=30", sent.get(1).query(), "the workspace list is bounded");
        assertTrue(sent.stream().allMatch(q -> q.method().equals("GET")));
        assertTrue(sent.stream().filter(q -> q.path().endsWith("/workspacemembers"))
                .allMatch(q -> q.query().equals("names=stoneshi")), "members are looked up by exact name");
        assertTrue(sent.stream().anyMatch(q -> q.path().equals("/clusters/host" + TENANT
                + "/workspaces/stone/workspacemembers/stoneshi/namespaces") && q.query().equals("page=1&limit=30")));
        assertThat(sent.size(), lessThanOrEqualTo(2 + 30 + 30 + 30));
    }

    @Test
    void aWorkspaceViewerReachesProjectsThroughTheWorkspaceRole() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            existingUser(mcp, sandbox, "ea-viewer");
            ok(mcp.call("invite_workspace_member", Map.of("workspace", "demo", "username", "ea-viewer",
                    "role", "viewer")));
            sandbox.simulator().clearRequests();
            CallToolResult r = ok(mcp.call("explain_user_access", Map.of("username", "ea-viewer")));
            assertThat(text(r), containsString("Workspace demo: viewer; project demo-app (host): through the "
                    + "workspace role"));
        }
    }

    @Test
    void aPlatformAdminNeedsNoFanOut() {
        CallToolResult r = ok(call("explain_user_access", Map.of("username", "admin")));
        only(sandbox, "GET", IAM + "/users/admin");
        assertThat(text(r), containsString("platform-admin may do everything"));
    }

    @Test
    void anUnknownUserIsSaidSo() {
        CallToolResult r = call("explain_user_access", Map.of("username", "no-such-user"));
        assertTrue(r.isError());
        assertThat(text(r), containsString("There is no KubeSphere user 'no-such-user'"));
        only(sandbox, "GET", IAM + "/users/no-such-user");
    }

    @Test
    void hostileValuesAreRefusedBeforeAnyRequest() {
        for (String username : List.of("../admin", "Admin", "a b", "x%2F..", "a".repeat(33), "")) {
            CallToolResult r = call("explain_user_access", Map.of("username", username));
            assertTrue(r.isError(), username);
            assertThat(username, text(r), containsString("must"));
        }
        assertThat(api(sandbox), empty());
    }
}
