package io.kubesphere.mcp.tenant;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.kubesphere.mcp.support.McpTestClient.ok;
import static io.kubesphere.mcp.support.McpTestClient.structured;
import static io.kubesphere.mcp.support.McpTestClient.text;
import static io.kubesphere.mcp.tenant.TenantTestSupport.IAM;
import static io.kubesphere.mcp.tenant.TenantTestSupport.TENANT;
import static io.kubesphere.mcp.tenant.TenantTestSupport.api;
import static io.kubesphere.mcp.tenant.TenantTestSupport.body;
import static io.kubesphere.mcp.tenant.TenantTestSupport.checkedWrite;
import static io.kubesphere.mcp.tenant.TenantTestSupport.only;
import static io.kubesphere.mcp.tenant.TenantTestSupport.write;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tenant tools against the simulator as admin, checking what reached KubeSphere. */
@QuarkusTest
class TenantToolsTest extends SandboxTest {

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(CallToolResult result) {
        return (List<Map<String, Object>>) structured(result).get("items");
    }

    private static List<Object> field(CallToolResult result, String name) {
        return items(result).stream().map(i -> i.get(name)).toList();
    }

    // ---------- workspaces and projects ----------

    @Test
    void createWorkspaceSendsTheTemplateWithCreatorManagerAndPlacement() {
        CallToolResult r = ok(call("create_workspace", Map.of("workspace", "tt-ws-1",
                "clusters", List.of("host", "host"), "description", "Team tt")));
        JsonNode body = body(only(sandbox, "POST", TENANT + "/workspacetemplates"));
        assertEquals("WorkspaceTemplate", body.path("kind").asText());
        assertEquals("tenant.kubesphere.io/v1beta1", body.path("apiVersion").asText());
        assertEquals("tt-ws-1", body.at("/metadata/name").asText());
        assertEquals("admin", body.at("/metadata/annotations/kubesphere.io~1creator").asText());
        assertEquals("Team tt", body.at("/metadata/annotations/kubesphere.io~1description").asText());
        assertEquals("admin", body.at("/spec/template/metadata/annotations/kubesphere.io~1creator").asText());
        assertEquals("admin", body.at("/spec/template/spec/manager").asText(), "manager defaults to the caller");
        assertEquals(1, body.at("/spec/placement/clusters").size(), "duplicate clusters are sent once");
        assertEquals("host", body.at("/spec/placement/clusters/0/name").asText());

        Map<String, Object> ws = structured(r);
        assertEquals("tt-ws-1", ws.get("name"));
        assertEquals(List.of("host"), ws.get("clusters"));
        assertEquals("admin", ws.get("manager"));
        assertEquals("admin", ws.get("creator"));
        assertEquals("Team tt", ws.get("description"));
        assertThat(text(r), containsString("tt-ws-1"));
    }

    @Test
    void createWorkspaceWithAnotherManagerAndDuplicateName() {
        // Another manager becomes workspace admin: a person confirms (WorkspaceManagerGrantTest).
        try (McpTestClient mcp = McpTestClient.http(root, TenantTestSupport.ACCEPT)) {
            ok(mcp.call("create_workspace", Map.of("workspace", "tt-ws-2", "clusters", List.of("host"),
                    "manager", "stoneshi")));
        }
        JsonNode body = body(write(sandbox, "stoneshi", "POST", TENANT + "/workspacetemplates"));
        assertEquals("stoneshi", body.at("/spec/template/spec/manager").asText());
        assertEquals("admin", body.at("/metadata/annotations/kubesphere.io~1creator").asText(),
                "the creator is the caller, not the manager");
        assertTrue(body.at("/metadata/annotations/kubesphere.io~1description").isMissingNode());

        sandbox.simulator().clearRequests();
        CallToolResult dup = call("create_workspace", Map.of("workspace", "tt-ws-2", "clusters", List.of("host")));
        assertTrue(dup.isError());
        assertThat(text(dup), containsString("already exists"));
        assertEquals(400, only(sandbox, "POST", TENANT + "/workspacetemplates").status());
    }

    @Test
    void createWorkspaceOnAnUnknownClusterIsA404() {
        CallToolResult r = call("create_workspace", Map.of("workspace", "tt-ws-3", "clusters", List.of("nowhere")));
        assertTrue(r.isError());
        assertThat(text(r), containsString("nowhere"));
    }

    @Test
    void listProjectsUsesTheClusterPathAndHidesDevOpsProjects() {
        CallToolResult r = ok(call("list_projects", Map.of("cluster", "host", "workspace", "stone")));
        RecordedRequest req = only(sandbox, "GET", "/clusters/host" + TENANT + "/workspaces/stone/namespaces");
        assertThat(req.query(), containsString("page=1"));
        assertThat(req.query(), containsString("limit=20"));
        assertThat(req.query(), containsString("labelSelector=%21kubesphere.io%2Fdevopsproject"));
        assertThat(field(r, "name"), hasItem("stone-project"));
        assertThat(field(r, "name"), not(hasItem("stone-devops")));
        Map<String, Object> project = items(r).stream().filter(p -> p.get("name").equals("stone-project"))
                .findFirst().orElseThrow();
        assertEquals("stone", project.get("workspace"));
        assertEquals("host", project.get("cluster"));
        assertEquals("Active", project.get("status"));
        assertEquals("admin", project.get("creator"));
        assertEquals(items(r).size(), structured(r).get("total"));
        assertEquals(false, structured(r).get("has_more"));
    }

    @Test
    void listProjectsFiltersByName() {
        ok(call("list_projects", Map.of("cluster", "host", "workspace", "stone", "name", "proj", "page", 2,
                "limit", 5)));
        RecordedRequest req = only(sandbox, "GET", "/clusters/host" + TENANT + "/workspaces/stone/namespaces");
        assertThat(req.query(), containsString("name=proj"));
        assertThat(req.query(), containsString("page=2"));
        assertThat(req.query(), containsString("limit=5"));
    }

    @Test
    void createProjectSendsAManagedNamespace() {
        CallToolResult r = ok(call("create_project", Map.of("cluster", "host", "workspace", "stone",
                "project", "tt-project-1", "description", "for tests")));
        JsonNode body = body(checkedWrite(sandbox, TENANT + "/workspacetemplates/stone", "POST",
                "/clusters/host" + TENANT + "/workspaces/stone/namespaces"));
        assertEquals("Namespace", body.path("kind").asText());
        assertEquals("v1", body.path("apiVersion").asText());
        assertEquals("tt-project-1", body.at("/metadata/name").asText());
        assertEquals("stone", body.at("/metadata/labels/kubesphere.io~1workspace").asText());
        assertEquals("true", body.at("/metadata/labels/kubesphere.io~1managed").asText());
        assertEquals("admin", body.at("/metadata/annotations/kubesphere.io~1creator").asText());
        assertEquals("for tests", body.at("/metadata/annotations/kubesphere.io~1description").asText());
        Map<String, Object> p = structured(r);
        assertEquals("tt-project-1", p.get("name"));
        assertEquals("stone", p.get("workspace"));
        assertEquals("host", p.get("cluster"));
        assertEquals("admin", p.get("creator"));
        assertEquals("Active", p.get("status"));
        assertTrue(p.get("created") != null);

        sandbox.simulator().clearRequests();
        CallToolResult dup = call("create_project", Map.of("cluster", "host", "workspace", "stone",
                "project", "tt-project-1"));
        assertTrue(dup.isError());
        assertThat(text(dup), containsString("already exists"));
    }

    // ---------- users ----------

    @Test
    void listUsersMapsFiltersAndPaging() {
        CallToolResult r = ok(call("list_users", Map.of("globalrole", "platform-admin", "limit", 50)));
        RecordedRequest req = only(sandbox, "GET", IAM + "/users");
        assertEquals("globalrole=platform-admin", req.query(), "KubeSphere ignores the rest on this form");
        assertThat(field(r, "username"), hasItem("admin"));
        assertThat(field(r, "username"), not(hasItem("stoneshi")));
        assertEquals("platform-admin", items(r).get(0).get("platform_role"));

        sandbox.simulator().clearRequests();
        CallToolResult byName = ok(call("list_users", Map.of("name", "stone")));
        assertThat(only(sandbox, "GET", IAM + "/users").query(), containsString("name=stone"));
        assertEquals(List.of("stoneshi"), field(byName, "username"));
    }

    @Test
    void listUsersByPlatformRolePagesAndFiltersOnOurSide() {
        // ?globalrole= answers every holder whatever page, limit and name say (listUserByGlobalRole).
        CallToolResult all = ok(call("list_users", Map.of("globalrole", "platform-regular", "limit", 200)));
        int holders = items(all).size();
        assertTrue(holders >= 2, text(all));
        assertEquals(holders, structured(all).get("total"));

        CallToolResult first = ok(call("list_users", Map.of("globalrole", "platform-regular", "limit", 1)));
        assertEquals(1, items(first).size());
        assertEquals(holders, structured(first).get("total"));
        assertEquals(true, structured(first).get("has_more"));
        CallToolResult second = ok(call("list_users", Map.of("globalrole", "platform-regular", "limit", 1,
                "page", 2)));
        assertEquals(1, items(second).size());
        assertNotEquals(field(first, "username"), field(second, "username"));
        CallToolResult beyond = ok(call("list_users", Map.of("globalrole", "platform-regular", "page", 99)));
        assertEquals(List.of(), items(beyond));
        assertEquals(false, structured(beyond).get("has_more"));

        CallToolResult byName = ok(call("list_users", Map.of("globalrole", "platform-regular", "name", "stone")));
        assertEquals(List.of("stoneshi"), field(byName, "username"));
        assertEquals(1, structured(byName).get("total"));
        assertEquals(false, structured(byName).get("has_more"));
        assertEquals(List.of(), field(ok(call("list_users", Map.of("globalrole", "platform-admin",
                "name", "stone"))), "username"));
    }

    @Test
    void getUserProjectsTheAccount() {
        CallToolResult r = ok(call("get_user", Map.of("username", "stoneshi")));
        only(sandbox, "GET", IAM + "/users/stoneshi");
        Map<String, Object> u = structured(r);
        assertEquals("stoneshi", u.get("username"));
        assertEquals("stoneshi@kubesphere.io", u.get("email"));
        assertEquals("platform-regular", u.get("platform_role"));
        assertEquals("Active", u.get("state"));
        assertTrue(u.get("created") != null);

        sandbox.simulator().clearRequests();
        CallToolResult missing = call("get_user", Map.of("username", "nobody-here"));
        assertTrue(missing.isError());
        assertThat(text(missing), containsString("404"));
    }

    @Test
    void createUserSendsTheSkillBodyAndNeverEchoesThePassword() {
        String password = "Tt-Secret-9x";
        CallToolResult r = ok(call("create_user", Map.of("username", "tt-user-1", "email", "tt-user-1@example.com",
                "password", password, "description", "test account")));
        JsonNode body = body(only(sandbox, "POST", IAM + "/users"));
        assertEquals("User", body.path("kind").asText());
        assertEquals("iam.kubesphere.io/v1beta1", body.path("apiVersion").asText());
        assertEquals("tt-user-1", body.at("/metadata/name").asText());
        assertEquals("platform-regular", body.at("/metadata/annotations/iam.kubesphere.io~1globalrole").asText());
        assertEquals("true", body.at("/metadata/annotations/iam.kubesphere.io~1uninitialized").asText());
        assertEquals("admin", body.at("/metadata/annotations/kubesphere.io~1creator").asText());
        assertEquals("test account", body.at("/metadata/annotations/kubesphere.io~1description").asText());
        assertEquals("tt-user-1@example.com", body.at("/spec/email").asText());
        assertEquals(password, body.at("/spec/password").asText());

        Map<String, Object> u = structured(r);
        assertEquals("tt-user-1", u.get("username"));
        assertEquals("platform-regular", u.get("platform_role"));
        assertEquals("Active", u.get("state"));
        assertThat(u.toString(), not(containsString(password)));
        assertThat(text(r), not(containsString(password)));

        sandbox.simulator().clearRequests();
        CallToolResult dup = call("create_user", Map.of("username", "tt-user-1", "email", "other@example.com",
                "password", password));
        assertTrue(dup.isError());
        assertThat(text(dup), containsString("409"));
        assertThat(text(dup), not(containsString(password)));
        assertEquals(409, only(sandbox, "POST", IAM + "/users").status());
    }

    @Test
    void createUserWithSelfProvisionerRole() {
        ok(call("create_user", Map.of("username", "tt-user-2", "email", "tt-user-2@example.com",
                "password", "Abcdefg1", "globalrole", "platform-self-provisioner")));
        JsonNode body = body(only(sandbox, "POST", IAM + "/users"));
        assertEquals("platform-self-provisioner",
                body.at("/metadata/annotations/iam.kubesphere.io~1globalrole").asText());
    }

    @Test
    void setPlatformRolePutsTheWholeStoredObjectBack() throws Exception {
        ok(call("create_user", Map.of("username", "tt-user-3", "email", "tt-user-3@example.com",
                "password", "Abcdefg1")));
        String since = storedUser("tt-user-3").at("/status/lastTransitionTime").asText();
        // Past the second the timestamps show, so that a restarted lastTransitionTime would differ.
        sandbox.simulator().advanceClock(Duration.ofSeconds(90));
        sandbox.simulator().clearRequests();
        CallToolResult r = ok(call("set_platform_role", Map.of("username", "tt-user-3",
                "globalrole", "platform-self-provisioner")));
        List<RecordedRequest> requests = api(sandbox);
        assertEquals(2, requests.size(), requests.toString());
        assertEquals("GET", requests.get(0).method());
        assertEquals(IAM + "/users/tt-user-3", requests.get(0).path());
        RecordedRequest put = requests.get(1);
        assertEquals("PUT", put.method());
        assertEquals(IAM + "/users/tt-user-3", put.path());
        assertEquals(200, put.status());
        JsonNode body = body(put);
        assertEquals("tt-user-3", body.at("/metadata/name").asText());
        assertFalse(body.at("/metadata/resourceVersion").asText().isEmpty(), "resourceVersion is kept");
        assertEquals("tt-user-3@example.com", body.at("/spec/email").asText(), "the whole object is sent");
        assertEquals("platform-self-provisioner",
                body.at("/metadata/annotations/iam.kubesphere.io~1globalrole").asText());
        assertEquals("admin", body.at("/metadata/annotations/kubesphere.io~1creator").asText(),
                "other annotations survive");
        assertEquals(since, storedUser("tt-user-3").at("/status/lastTransitionTime").asText(),
                "the login-failure window is not restarted");
        assertTrue(body.path("status").isMissingNode(), "status is left to KubeSphere: " + body);

        Map<String, Object> change = structured(r);
        assertEquals("platform-self-provisioner", change.get("platform_role"));
        assertEquals("platform-regular", change.get("previous_platform_role"));
        assertEquals("platform-self-provisioner",
                structured(ok(call("get_user", Map.of("username", "tt-user-3")))).get("platform_role"));
    }

    @Test
    void setPlatformRoleRetriesOnceOnAConflict() throws Exception {
        ok(call("create_user", Map.of("username", "tt-user-4", "email", "tt-user-4@example.com",
                "password", "Abcdefg1")));
        sandbox.simulator().clearRequests();
        // Both calls read the same resourceVersion before either writes: the second PUT conflicts and retries.
        sandbox.simulator().setResponseDelay(Duration.ofMillis(400));
        try {
            CompletableFuture<CallToolResult> a = CompletableFuture.supplyAsync(() -> call("set_platform_role",
                    Map.of("username", "tt-user-4", "globalrole", "platform-self-provisioner")));
            CompletableFuture<CallToolResult> b = CompletableFuture.supplyAsync(() -> call("set_platform_role",
                    Map.of("username", "tt-user-4", "globalrole", "platform-self-provisioner")));
            ok(a.get(30, TimeUnit.SECONDS));
            ok(b.get(30, TimeUnit.SECONDS));
        } finally {
            sandbox.simulator().setResponseDelay(Duration.ZERO);
        }
        List<RecordedRequest> puts = api(sandbox).stream().filter(r -> r.method().equals("PUT")).toList();
        List<RecordedRequest> gets = api(sandbox).stream().filter(r -> r.method().equals("GET")).toList();
        assertEquals(3, puts.size(), puts.toString());
        assertEquals(3, gets.size(), gets.toString());
        assertEquals(1, puts.stream().filter(r -> r.status() == 409).count(), puts.toString());
        assertEquals(409, puts.get(1).status());
        assertEquals(200, puts.get(2).status());
    }

    @Test
    void setPlatformRoleOfAMissingUserIsA404AndNoPut() {
        CallToolResult r = call("set_platform_role", Map.of("username", "nobody-here",
                "globalrole", "platform-regular"));
        assertTrue(r.isError());
        assertThat(text(r), containsString("404"));
        only(sandbox, "GET", IAM + "/users/nobody-here");
    }

    /** The user as KubeSphere stores it (the tools do not show status times). */
    private JsonNode storedUser(String name) throws Exception {
        String token = Callers.token(sandbox.baseUrl(), "admin");
        HttpResponse<String> r = Callers.HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + IAM
                + "/users/" + name)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Callers.json(r.body());
    }

    /** Invites check that the user exists, so the users these tests invite are created first. */
    private void user(String name) {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            TenantTestSupport.existingUser(mcp, sandbox, name);
        }
    }

    // ---------- members ----------

    @Test
    void workspaceMembersListInviteAndChange() {
        CallToolResult list = ok(call("list_workspace_members", Map.of("workspace", "stone")));
        RecordedRequest req = only(sandbox, "GET", IAM + "/workspaces/stone/workspacemembers");
        assertThat(req.query(), containsString("page=1"));
        assertThat(req.query(), containsString("limit=20"));
        assertThat(items(list), hasItem(Map.of("username", "stoneshi", "role", "stone-regular",
                "built_in_role", "regular")));

        user("tt-member-1");
        CallToolResult invited = ok(call("invite_workspace_member", Map.of("workspace", "stone",
                "username", "tt-member-1", "role", "viewer")));
        JsonNode body = body(write(sandbox, "tt-member-1", "POST", IAM + "/workspaces/stone/workspacemembers"));
        assertTrue(body.isArray());
        assertEquals(1, body.size());
        assertEquals("tt-member-1", body.at("/0/username").asText());
        assertEquals("stone-viewer", body.at("/0/roleRef").asText());
        assertEquals(Map.of("workspace", "stone", "username", "tt-member-1", "role", "stone-viewer",
                "user_verified", true), structured(invited));

        sandbox.simulator().clearRequests();
        CallToolResult changed = ok(call("set_workspace_role", Map.of("workspace", "stone",
                "username", "tt-member-1", "role", "self-provisioner")));
        JsonNode put = body(only(sandbox, "PUT", IAM + "/workspaces/stone/workspacemembers/tt-member-1"));
        assertEquals("tt-member-1", put.path("username").asText());
        assertEquals("stone-self-provisioner", put.path("roleRef").asText());
        assertEquals("stone-self-provisioner", structured(changed).get("role"));
    }

    @Test
    void inviteWorkspaceMemberDefaultsToRegular() {
        user("tt-member-2");
        ok(call("invite_workspace_member", Map.of("workspace", "stone", "username", "tt-member-2")));
        JsonNode body = body(write(sandbox, "tt-member-2", "POST", IAM + "/workspaces/stone/workspacemembers"));
        assertEquals("stone-regular", body.at("/0/roleRef").asText());
    }

    @Test
    void setWorkspaceRoleOfANonMemberSaysToInvite() {
        CallToolResult r = call("set_workspace_role", Map.of("workspace", "stone", "username", "tt-stranger",
                "role", "viewer"));
        assertTrue(r.isError());
        assertThat(text(r), containsString("not a member"));
        assertThat(text(r), containsString("invite_workspace_member"));
        assertEquals(400, only(sandbox, "PUT", IAM + "/workspaces/stone/workspacemembers/tt-stranger").status());
    }

    @Test
    void inviteToAMissingWorkspaceNamesTheMissingRole() {
        CallToolResult r = call("invite_workspace_member", Map.of("workspace", "no-such-ws",
                "username", "demo-user"));
        assertTrue(r.isError());
        assertThat(text(r), containsString("no-such-ws-regular"));
        assertEquals(404, write(sandbox, "demo-user", "POST", IAM + "/workspaces/no-such-ws/workspacemembers")
                .status());
    }

    @Test
    void projectMembersListInviteAndChange() {
        String base = "/clusters/host" + IAM + "/namespaces/stone-project/namespacemembers";
        CallToolResult list = ok(call("list_project_members", Map.of("cluster", "host", "project", "stone-project")));
        assertThat(only(sandbox, "GET", base).query(), containsString("limit=20"));
        assertThat(items(list), hasItem(Map.of("username", "stoneshi", "role", "viewer", "built_in_role", "viewer")));

        user("tt-member-4");
        CallToolResult invited = ok(call("invite_project_member", Map.of("cluster", "host", "project",
                "stone-project", "username", "tt-member-4", "role", "operator")));
        JsonNode body = body(write(sandbox, "tt-member-4", "POST", base));
        assertEquals("tt-member-4", body.at("/0/username").asText());
        assertEquals("operator", body.at("/0/roleRef").asText());
        assertEquals(Map.of("cluster", "host", "project", "stone-project", "username", "tt-member-4",
                "role", "operator", "user_verified", true), structured(invited));

        sandbox.simulator().clearRequests();
        ok(call("set_project_role", Map.of("cluster", "host", "project", "stone-project",
                "username", "tt-member-4", "role", "viewer")));
        JsonNode put = body(only(sandbox, "PUT", base + "/tt-member-4"));
        assertEquals("tt-member-4", put.path("username").asText());
        assertEquals("viewer", put.path("roleRef").asText());
    }

    @Test
    void inviteProjectMemberDefaultsToViewer() {
        user("tt-member-5");
        ok(call("invite_project_member", Map.of("cluster", "host", "project", "stone-project",
                "username", "tt-member-5")));
        JsonNode body = body(write(sandbox, "tt-member-5", "POST", "/clusters/host" + IAM
                + "/namespaces/stone-project/namespacemembers"));
        assertEquals("viewer", body.at("/0/roleRef").asText());
    }

    @Test
    void projectMemberErrors() {
        CallToolResult missing = call("invite_project_member", Map.of("cluster", "host", "project",
                "no-such-project", "username", "demo-user"));
        assertTrue(missing.isError());
        assertThat(text(missing), containsString("has no role viewer"));

        sandbox.simulator().clearRequests();
        CallToolResult stranger = call("set_project_role", Map.of("cluster", "host", "project", "stone-project",
                "username", "tt-stranger", "role", "operator"));
        assertTrue(stranger.isError());
        assertThat(text(stranger), containsString("invite_project_member"));

        sandbox.simulator().clearRequests();
        CallToolResult cluster = call("list_project_members", Map.of("cluster", "nowhere", "project",
                "stone-project"));
        assertTrue(cluster.isError());
        assertThat(text(cluster), containsString("cluster nowhere not exists"));
    }

    // ---------- roles ----------

    @Test
    void listPlatformRolesMarksBuiltInOnes() {
        CallToolResult r = ok(call("list_roles", Map.of("scope", "platform")));
        RecordedRequest req = only(sandbox, "GET", IAM + "/globalroles");
        assertThat(req.query(), containsString("annotation=kubesphere.io%2Fcreator"));
        assertThat(items(r), hasItem(Map.of("name", "platform-admin", "built_in", true, "assignable", true,
                "description", "Full access to all resources on the platform.")));
        Map<String, Object> custom = items(r).stream().filter(i -> i.get("name").equals("users-auditor"))
                .findFirst().orElseThrow();
        assertEquals(false, custom.get("built_in"));
        assertEquals(false, custom.get("assignable"));
        assertThat(field(r, "name"), not(hasItem("authenticated")));
        assertEquals(4, structured(r).get("total"), "total comes from metadata.continue");
        assertThat(text(r), containsString("not assignable"));
    }

    @Test
    void listWorkspaceAndProjectRoles() {
        CallToolResult ws = ok(call("list_roles", Map.of("scope", "workspace", "workspace", "stone")));
        only(sandbox, "GET", IAM + "/workspaces/stone/workspaceroles");
        for (String role : List.of("stone-admin", "stone-regular", "stone-self-provisioner", "stone-viewer")) {
            Map<String, Object> item = items(ws).stream().filter(i -> i.get("name").equals(role)).findFirst()
                    .orElseThrow(() -> new AssertionError(role + " missing"));
            assertEquals(true, item.get("built_in"), role);
            assertEquals(true, item.get("assignable"), role);
        }
        Map<String, Object> custom = items(ws).stream().filter(i -> i.get("name").equals("stone-pipeline-auditor"))
                .findFirst().orElseThrow();
        assertEquals(false, custom.get("built_in"));

        sandbox.simulator().clearRequests();
        CallToolResult project = ok(call("list_roles", Map.of("scope", "project", "cluster", "host",
                "project", "stone-project", "limit", 2)));
        RecordedRequest req = only(sandbox, "GET", "/clusters/host" + IAM + "/namespaces/stone-project/roles");
        assertThat(req.query(), containsString("limit=2"));
        assertEquals(2, items(project).size());
        assertEquals(4, structured(project).get("total"));
        assertEquals(true, structured(project).get("has_more"));
        sandbox.simulator().clearRequests();
        CallToolResult all = ok(call("list_roles", Map.of("scope", "project", "cluster", "host",
                "project", "stone-project")));
        Map<String, Object> deployer = items(all).stream().filter(i -> i.get("name").equals("deployer"))
                .findFirst().orElseThrow();
        assertEquals(false, deployer.get("built_in"));
        assertEquals(false, deployer.get("assignable"));
        assertThat(field(all, "name"), hasItem("operator"));
    }

    @Test
    void listRolesChecksTheScopeParametersBeforeAnyRequest() {
        CallToolResult noWorkspace = call("list_roles", Map.of("scope", "workspace"));
        assertTrue(noWorkspace.isError());
        assertThat(text(noWorkspace), containsString("workspace"));
        CallToolResult noCluster = call("list_roles", Map.of("scope", "project", "project", "stone-project"));
        assertTrue(noCluster.isError());
        assertThat(text(noCluster), containsString("cluster"));
        CallToolResult noProject = call("list_roles", Map.of("scope", "project", "cluster", "host"));
        assertTrue(noProject.isError());
        CallToolResult badScope = call("list_roles", Map.of("scope", "cluster"));
        assertTrue(badScope.isError());
        assertEquals(List.of(), api(sandbox));
    }
}
