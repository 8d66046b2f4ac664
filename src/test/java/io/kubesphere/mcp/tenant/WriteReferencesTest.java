package io.kubesphere.mcp.tenant;

import io.kubesphere.mcp.auth.Callers;
import io.kubesphere.mcp.sandbox.RecordedRequest;
import io.kubesphere.mcp.support.McpTestClient;
import io.kubesphere.mcp.support.SandboxTest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static io.kubesphere.mcp.support.McpTestClient.structured;
import static io.kubesphere.mcp.support.McpTestClient.text;
import static io.kubesphere.mcp.tenant.TenantTestSupport.IAM;
import static io.kubesphere.mcp.tenant.TenantTestSupport.TENANT;
import static io.kubesphere.mcp.tenant.TenantTestSupport.checkedWrite;
import static io.kubesphere.mcp.tenant.TenantTestSupport.only;
import static io.kubesphere.mcp.tenant.TenantTestSupport.write;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A write that names a user or a workspace reads it first, and a missing one is an isError
 * result before anything is written. KubeSphere itself would accept these writes.
 */
@QuarkusTest
class WriteReferencesTest extends SandboxTest {

    /** A person who confirms: create_workspace with another manager asks one (WorkspaceManagerGrantTest). */
    @Override
    protected CallToolResult call(String tool, Map<String, Object> args) {
        try (McpTestClient mcp = McpTestClient.http(root, TenantTestSupport.ACCEPT)) {
            return mcp.call(tool, args);
        }
    }

    /** An isError result that says what is missing and what to do, after the one read that found nothing. */
    private void assertMissingUser(CallToolResult result, String user) {
        assertTrue(Boolean.TRUE.equals(result.isError()), () -> "expected an error, got " + text(result));
        assertThat(text(result), containsString("no KubeSphere user '" + user + "'"));
        assertThat(text(result), containsString("nothing was sent"));
        assertThat(text(result), containsString("list_users"));
        assertThat(text(result), containsString("create_user"));
        assertEquals(404, only(sandbox, "GET", IAM + "/users/" + user).status(), "one read, no write");
    }

    @Test
    void invitingAUserThatDoesNotExistWritesNothing() {
        assertMissingUser(call("invite_workspace_member", Map.of("workspace", "stone", "username", "stonehsi")),
                "stonehsi");
        sim().clearRequests();
        assertMissingUser(call("invite_project_member", Map.of("cluster", "host", "project", "stone-project",
                "username", "stonehsi", "role", "operator")), "stonehsi");
    }

    @Test
    void anExistingUserIsInvitedAfterTheCheck() {
        CallToolResult r = call("invite_project_member", Map.of("cluster", "host", "project", "demo-app",
                "username", "stoneshi"));
        assertFalse(r.isError(), text(r));
        assertEquals(200, write(sandbox, "stoneshi", "POST",
                "/clusters/host" + IAM + "/namespaces/demo-app/namespacemembers").status());
        assertEquals(true, structured(r).get("user_verified"));
        assertThat(text(r), not(containsString("could not be verified")));
    }

    @Test
    void aManagerThatDoesNotExistCreatesNoWorkspace() {
        assertMissingUser(call("create_workspace", Map.of("workspace", "wr-ws-1", "clusters", List.of("host"),
                "manager", "ghost-manager")), "ghost-manager");

        sim().clearRequests();
        CallToolResult r = call("create_workspace", Map.of("workspace", "wr-ws-2", "clusters", List.of("host"),
                "manager", "demo-user"));
        assertFalse(r.isError(), text(r));
        write(sandbox, "demo-user", "POST", TENANT + "/workspacetemplates");
        assertEquals(true, structured(r).get("manager_verified"));

        sim().clearRequests();
        CallToolResult self = call("create_workspace", Map.of("workspace", "wr-ws-3", "clusters", List.of("host")));
        assertFalse(self.isError(), text(self));
        only(sandbox, "POST", TENANT + "/workspacetemplates");
        assertEquals(true, structured(self).get("manager_verified"), "the caller needs no look-up");
    }

    @Test
    void aProjectNeedsAnExistingWorkspaceOnItsCluster() {
        CallToolResult missing = call("create_project", Map.of("cluster", "host", "workspace", "no-such-ws",
                "project", "wr-project-1"));
        assertTrue(missing.isError());
        assertThat(text(missing), containsString("no workspace 'no-such-ws'"));
        assertThat(text(missing), containsString("list_workspaces"));
        assertEquals(404, only(sandbox, "GET", TENANT + "/workspacetemplates/no-such-ws").status());

        CallToolResult ok = call("create_project", Map.of("cluster", "host", "workspace", "stone",
                "project", "wr-project-2"));
        assertFalse(ok.isError(), text(ok));
    }

    @Test
    void aProjectOnAClusterTheWorkspaceIsNotOnIsRefused() throws Exception {
        // A template with no placement has a Workspace on no cluster.
        String admin = Callers.token(sandbox.baseUrl(), "admin");
        HttpResponse<String> created = Callers.HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + TENANT
                        + "/workspacetemplates"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"apiVersion\":\"tenant.kubesphere.io/v1beta1\","
                        + "\"kind\":\"WorkspaceTemplate\",\"metadata\":{\"name\":\"wr-unplaced\"},\"spec\":{"
                        + "\"template\":{\"spec\":{\"manager\":\"admin\"}}}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, created.statusCode(), created.body());
        sim().clearRequests();

        CallToolResult r = call("create_project", Map.of("cluster", "host", "workspace", "wr-unplaced",
                "project", "wr-project-3"));
        assertTrue(r.isError());
        assertThat(text(r), containsString("not on cluster 'host'"));
        assertThat(text(r), containsString("its clusters: none"));
        RecordedRequest read = only(sandbox, "GET", TENANT + "/workspacetemplates/wr-unplaced");
        assertEquals(200, read.status());
    }

    @Test
    void theCheckedProjectWriteIsTheOneThatWasDeclared() {
        CallToolResult r = call("create_project", Map.of("cluster", "host", "workspace", "demo",
                "project", "wr-project-4"));
        assertFalse(r.isError(), text(r));
        checkedWrite(sandbox, TENANT + "/workspacetemplates/demo", "POST",
                "/clusters/host" + TENANT + "/workspaces/demo/namespaces");
    }
}
