package io.kubesphere.mcp.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesphere.mcp.support.SandboxTest;
import io.kubesphere.mcp.support.StoneshiProfile;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.auth.Callers;
import io.kubesphere.mcp.sandbox.RecordedRequest;
import io.kubesphere.mcp.support.McpTestClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
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
import static io.kubesphere.mcp.tenant.TenantTestSupport.api;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 403 path of the checks before a write: stoneshi (platform-regular) administers a workspace but may not read users, so
 * the tools cannot check the username; they write anyway and say so, in the output record and in the text.
 */
@QuarkusTest
@TestProfile(StoneshiProfile.class)
class UnverifiedUserTest extends SandboxTest {

    /** stoneshi again, in an app of its own: these tests give stoneshi a workspace that other tests do not expect. */

    static final String WS = "uv-stone-admin";

    private HttpResponse<String> asAdmin(String method, String path, String body) throws Exception {
        String token = Callers.token(sandbox.baseUrl(), "admin");
        return Callers.HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The read answered 403, then the write went out. */
    private RecordedRequest forbiddenReadThenWrite(String user, String method, String path) {
        List<RecordedRequest> requests = api(sandbox);
        assertEquals(2, requests.size(), requests.toString());
        assertEquals(IAM + "/users/" + user, requests.get(0).path());
        assertEquals(403, requests.get(0).status());
        assertEquals(method, requests.get(1).method());
        assertEquals(path, requests.get(1).path());
        return requests.get(1);
    }

    private static void assertUnverified(CallToolResult r, String field, String user) {
        assertFalse(r.isError(), text(r));
        assertEquals(false, structured(r).get(field));
        assertThat(text(r), containsString("user '" + user + "' could not be verified"));
        assertThat(text(r), containsString("403"));
    }

    @Test
    void aWorkspaceAdminInvitesWithoutVerifyingAndIsToldSo() throws Exception {
        HttpResponse<String> ws = asAdmin("POST", TENANT + "/workspacetemplates", "{\"apiVersion\":"
                + "\"tenant.kubesphere.io/v1beta1\",\"kind\":\"WorkspaceTemplate\",\"metadata\":{\"name\":\"" + WS
                + "\"},\"spec\":{\"template\":{\"spec\":{\"manager\":\"stoneshi\"}},\"placement\":{\"clusters\":"
                + "[{\"name\":\"host\"}]}}}");
        assertEquals(200, ws.statusCode(), ws.body());

        try (McpTestClient mcp = McpTestClient.http(root)) {
            sandbox.simulator().clearRequests();
            CallToolResult invited = mcp.call("invite_workspace_member", Map.of("workspace", WS,
                    "username", "demo-user"));
            assertUnverified(invited, "user_verified", "demo-user");
            assertEquals(200, forbiddenReadThenWrite("demo-user", "POST",
                    IAM + "/workspaces/" + WS + "/workspacemembers").status());

            // As the workspace's admin stoneshi may read it, so the project's workspace is checked.
            sandbox.simulator().clearRequests();
            CallToolResult project = mcp.call("create_project", Map.of("cluster", "host", "workspace", WS,
                    "project", "uv-project"));
            assertFalse(project.isError(), text(project));
            assertEquals(List.of(200, 200), api(sandbox).stream().map(RecordedRequest::status).toList());

            sandbox.simulator().clearRequests();
            CallToolResult member = mcp.call("invite_project_member", Map.of("cluster", "host",
                    "project", "uv-project", "username", "demo-user", "role", "operator"));
            assertUnverified(member, "user_verified", "demo-user");
            assertEquals(200, forbiddenReadThenWrite("demo-user", "POST",
                    "/clusters/host" + IAM + "/namespaces/uv-project/namespacemembers").status());
        }
    }

    @Test
    void aForbiddenManagerLookUpLetsKubeSphereDecideTheWrite() throws Exception {
        // stoneshi may create workspaces as platform-self-provisioner, but not read users nor name another manager.
        setPlatformRole("platform-self-provisioner");
        // A person confirms the other manager first (WorkspaceManagerGrantTest).
        try (McpTestClient mcp = McpTestClient.http(root, TenantTestSupport.ACCEPT)) {
            sandbox.simulator().clearRequests();
            CallToolResult r = mcp.call("create_workspace", Map.of("workspace", "uv-ws-2", "clusters",
                    List.of("host"), "manager", "demo-user"));
            assertTrue(r.isError());
            assertThat(text(r), containsString("403"));
            assertEquals(403, forbiddenReadThenWrite("demo-user", "POST", TENANT + "/workspacetemplates").status(),
                    "the write was sent and KubeSphere refused it");
        } finally {
            setPlatformRole("platform-regular");
        }
    }

    private void setPlatformRole(String role) throws Exception {
        HttpResponse<String> got = asAdmin("GET", IAM + "/users/stoneshi", null);
        JsonNode user = Callers.json(got.body());
        ((ObjectNode) user.get("metadata").get("annotations")).put("iam.kubesphere.io/globalrole", role);
        ((ObjectNode) user).remove("status");
        HttpResponse<String> put = asAdmin("PUT", IAM + "/users/stoneshi", user.toString());
        assertEquals(200, put.statusCode(), put.body());
    }
}
