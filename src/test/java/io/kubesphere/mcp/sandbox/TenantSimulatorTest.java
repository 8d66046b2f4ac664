package io.kubesphere.mcp.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantSimulatorTest extends SimTestSupport {

    @Test
    void seedCaseStoneIsVisibleDemoIsForbidden() throws Exception {
        String token = login("stoneshi");
        HttpResponse<String> stone = get(T + "/workspaces/stone", token);
        assertStatus(200, stone);
        assertEquals("stone", json(stone).at("/metadata/name").asText());
        assertEquals("Workspace", json(stone).get("kind").asText());

        HttpResponse<String> demo = get(T + "/workspaces/demo", token);
        assertStatus(403, demo);
        JsonNode s = json(demo);
        assertEquals("workspaces.tenant.kubesphere.io \"demo\" is forbidden: User \"stoneshi\" cannot get resource "
                + "\"workspaces\" in API group \"tenant.kubesphere.io\" at the cluster scope", s.get("message").asText());
        assertEquals(403, s.get("code").asInt());
        assertEquals("demo", s.at("/details/name").asText());
    }

    @Test
    void workspaceListsAreFilteredByMembership() throws Exception {
        JsonNode mine = json(get(T + "/workspacetemplates", login("stoneshi")));
        assertEquals(1, mine.get("totalItems").asInt());
        assertEquals("stone", mine.at("/items/0/metadata/name").asText());
        assertEquals("WorkspaceTemplate", mine.at("/items/0/kind").asText());
        JsonNode all = json(get(T + "/workspacetemplates", login("admin")));
        assertEquals(2, all.get("totalItems").asInt());
        // Newest first by default.
        assertEquals("demo", all.at("/items/0/metadata/name").asText());
    }

    @Test
    void listPagingSortingAndFilters() throws Exception {
        String admin = login("admin");
        JsonNode page = json(get(I + "/users?page=2&limit=1&sortBy=name&ascending=true", admin));
        assertEquals(3, page.get("totalItems").asInt());
        assertEquals(1, page.get("items").size());
        assertEquals("demo-user", page.at("/items/0/metadata/name").asText());
        assertEquals("User", page.at("/items/0/kind").asText());

        JsonNode desc = json(get(I + "/users", admin));
        assertEquals(List.of("demo-user", "stoneshi", "admin"), names(desc));
        assertEquals(List.of("admin", "stoneshi", "demo-user"), names(json(get(I + "/users?ascending=true", admin))));

        JsonNode byName = json(get(I + "/users?name=sto&unknownKey=x", admin));
        assertEquals(List.of("stoneshi"), names(byName));
        assertEquals(1, byName.get("totalItems").asInt());
        assertEquals(List.of("stoneshi", "admin"),
                names(json(get(I + "/users?names=admin,stoneshi,ghost", admin))));
        // listUserByGlobalRole does not sort: binding order.
        assertEquals(List.of("stoneshi", "demo-user"),
                names(json(get(I + "/users?globalrole=platform-regular", admin))));
        JsonNode beyond = json(get(I + "/users?page=9&limit=2", admin));
        assertEquals(0, beyond.get("items").size());
        assertEquals(3, beyond.get("totalItems").asInt());

        // name also matches the alias annotation, case-insensitively.
        JsonNode alias = json(get("/clusters/host" + T + "/workspaces/stone/namespaces?name=STONE%20proj", admin));
        assertEquals(List.of("stone-project"), names(alias));
        JsonNode notDevops = json(get("/clusters/host" + T
                + "/workspaces/stone/namespaces?labelSelector=!kubesphere.io/devopsproject", admin));
        assertEquals(List.of("stone-project"), names(notDevops));
    }

    @Test
    void regularUserCannotListUsers() throws Exception {
        HttpResponse<String> r = get(I + "/users", login("stoneshi"));
        assertStatus(403, r);
        assertEquals("users.iam.kubesphere.io is forbidden: User \"stoneshi\" cannot list resource \"users\" in API "
                + "group \"iam.kubesphere.io\" at the cluster scope", json(r).get("message").asText());
        assertStatus(403, get(I + "/users/admin", login("stoneshi")));
    }

    @Test
    void clustersListShowsHostWithLabelAndReadyCondition() throws Exception {
        for (String user : List.of("admin", "stoneshi")) {
            JsonNode list = json(get(T + "/clusters", login(user)));
            assertEquals(1, list.get("totalItems").asInt());
            JsonNode host = list.at("/items/0");
            assertEquals("host", host.at("/metadata/name").asText());
            assertTrue(host.at("/metadata/labels").has("cluster-role.kubesphere.io/host"));
            assertEquals("Ready", host.at("/status/conditions/0/type").asText());
            assertEquals("True", host.at("/status/conditions/0/status").asText());
        }
    }

    @Test
    void createWorkspaceCreatesRolesAndManagerBinding() throws Exception {
        String admin = login("admin");
        String body = """
                {"apiVersion":"tenant.kubesphere.io/v1beta1","kind":"WorkspaceTemplate","metadata":{"name":"ws1",
                "annotations":{"kubesphere.io/creator":"someone-else"}},"spec":{"template":{"metadata":{"annotations":
                {"kubesphere.io/creator":"admin"}},"spec":{"manager":"stoneshi"}},"placement":{"clusters":[{"name":"host"}]}}}
                """;
        HttpResponse<String> r = postJson(T + "/workspacetemplates", admin, body);
        assertStatus(200, r);
        JsonNode ws = json(r);
        assertEquals("kubesphere.io/cascading-deletion", ws.at("/metadata/finalizers/0").asText());
        assertEquals("someone-else", ws.at("/metadata/annotations/kubesphere.io~1creator").asText());

        JsonNode roles = json(get(I + "/workspaces/ws1/workspaceroles", admin));
        assertEquals("4", roles.at("/metadata/continue").asText());
        List<String> roleNames = new ArrayList<>();
        roles.get("items").forEach(i -> {
            roleNames.add(i.at("/metadata/name").asText());
            assertEquals("ws1", i.at("/metadata/labels/kubesphere.io~1workspace").asText());
            assertEquals("system", i.at("/metadata/annotations/kubesphere.io~1creator").asText());
        });
        assertTrue(roleNames.containsAll(List.of("ws1-admin", "ws1-regular", "ws1-self-provisioner", "ws1-viewer")));
        JsonNode members = json(get(I + "/workspaces/ws1/workspacemembers", admin));
        assertEquals("ws1-admin", members.at("/items/0/metadata/annotations/iam.kubesphere.io~1workspacerole").asText());
        // The manager can now see and manage it.
        assertStatus(200, get(T + "/workspacetemplates/ws1", login("stoneshi")));

        HttpResponse<String> dup = postJson(T + "/workspacetemplates", admin, body);
        assertStatus(400, dup);
        assertEquals("workspacetemplates.tenant.kubesphere.io \"ws1\" already exists\n", dup.body());
        assertTrue(dup.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));

        HttpResponse<String> noCluster = postJson(T + "/workspacetemplates", admin, body.replace("ws1", "ws2")
                .replace("\"host\"", "\"mars\""));
        assertStatus(404, noCluster);
    }

    @Test
    void longWorkspaceNamesGetHashedRoleNamesLikeTheController() throws Exception {
        String admin = login("admin");
        // 57 characters: "{ws}-admin" is 63 and fits; the other three roles do not (FNV-1a 64 of the name).
        String ws = "payments-platform-engineering-shared-services-europe-west";
        String body = """
                {"apiVersion":"tenant.kubesphere.io/v1beta1","kind":"WorkspaceTemplate","metadata":{"name":"%s"},
                "spec":{"template":{"spec":{"manager":"stoneshi"}},"placement":{"clusters":[{"name":"host"}]}}}
                """.formatted(ws);
        assertStatus(200, postJson(T + "/workspacetemplates", admin, body));
        List<String> names = new ArrayList<>();
        json(get(I + "/workspaces/" + ws + "/workspaceroles", admin)).get("items")
                .forEach(i -> names.add(i.at("/metadata/name").asText()));
        assertEquals(List.of(ws + "-admin", "regular.e64d1b088d27d866", "self-provisioner.e64d1b088d27d866",
                "viewer.e64d1b088d27d866").stream().sorted().toList(), names.stream().sorted().toList());

        String all = "payments-platform-engineering-shared-services-europe-west1-mcp";
        assertStatus(200, postJson(T + "/workspacetemplates", admin, body.replace(ws, all)));
        JsonNode members = json(get(I + "/workspaces/" + all + "/workspacemembers", admin));
        assertEquals("admin.a27e78173659aa6c",
                members.at("/items/0/metadata/annotations/iam.kubesphere.io~1workspacerole").asText());
        // The plain name is no role of this workspace; the hashed one is.
        String invite = "[{\"username\":\"demo-user\",\"roleRef\":\"%s\"}]";
        assertStatus(404, postJson(I + "/workspaces/" + all + "/workspacemembers", admin,
                invite.formatted(all + "-viewer")));
        assertStatus(200, postJson(I + "/workspaces/" + all + "/workspacemembers", admin,
                invite.formatted("viewer.a27e78173659aa6c")));
        // The manager's hashed admin binding authorizes like the plain one.
        assertStatus(200, get(T + "/workspacetemplates/" + all, login("stoneshi")));
    }

    @Test
    void selfProvisionerMayOnlyManageOwnWorkspace() throws Exception {
        String admin = login("admin");
        HttpResponse<String> me = get(I + "/users/stoneshi", admin);
        JsonNode user = json(me);
        ((com.fasterxml.jackson.databind.node.ObjectNode) user.at("/metadata/annotations"))
                .put("iam.kubesphere.io/globalrole", "platform-self-provisioner");
        assertStatus(200, putJson(I + "/users/stoneshi", admin, user.toString()));
        String stoneshi = login("stoneshi");
        String other = "{\"metadata\":{\"name\":\"ws9\"},\"spec\":{\"template\":{\"spec\":{\"manager\":\"admin\"}},"
                + "\"placement\":{\"clusters\":[{\"name\":\"host\"}]}}}";
        assertStatus(403, postJson(T + "/workspacetemplates", stoneshi, other));
        assertStatus(200, postJson(T + "/workspacetemplates", stoneshi, other.replace("\"admin\"", "\"stoneshi\"")));
        // platform-regular cannot create at all (authorization filter, JSON Status).
        HttpResponse<String> regular = postJson(T + "/workspacetemplates", login("demo-user"),
                other.replace("ws9", "ws10"));
        assertStatus(403, regular);
        assertEquals("Status", json(regular).get("kind").asText());
    }

    @Test
    void namespacesInWorkspace() throws Exception {
        String admin = login("admin");
        String base = "/clusters/host" + T + "/workspaces/stone/namespaces";
        String managed = """
                {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"proj-a","labels":{"kubesphere.io/managed":"true"},
                "annotations":{"kubesphere.io/creator":"admin"}},"cluster":"host"}""";
        HttpResponse<String> r = postJson(base, admin, managed);
        assertStatus(200, r);
        assertEquals("stone", json(r).at("/metadata/labels/kubesphere.io~1workspace").asText());
        assertFalse(json(r).has("cluster"));
        HttpResponse<String> dup = postJson(base, admin, managed);
        assertStatus(400, dup);
        assertEquals("namespaces \"proj-a\" already exists\n", dup.body());
        assertStatus(200, get(base + "/proj-a", admin));
        // Belongs to another workspace.
        assertStatus(404, get("/clusters/host" + T + "/workspaces/demo/namespaces/proj-a", admin));
        // The workspace is not checked.
        assertStatus(200, postJson("/clusters/host" + T + "/workspaces/ghost/namespaces", admin,
                "{\"metadata\":{\"name\":\"orphan\"}}"));
        // Without the managed label no built-in roles exist, so inviting with them is 404.
        assertStatus(200, postJson(base, admin, "{\"metadata\":{\"name\":\"proj-b\"}}"));
        String invite = "[{\"username\":\"stoneshi\",\"roleRef\":\"viewer\"}]";
        assertStatus(404, postJson("/clusters/host" + I + "/namespaces/proj-b/namespacemembers", admin, invite));
        assertStatus(200, postJson("/clusters/host" + I + "/namespaces/proj-a/namespacemembers", admin, invite));
        // Creator bound as admin, invitee as viewer.
        JsonNode members = json(get("/clusters/host" + I + "/namespaces/proj-a/namespacemembers", admin));
        assertEquals(2, members.get("totalItems").asInt());
        JsonNode viewers = json(get("/clusters/host" + I + "/namespaces/proj-a/namespacemembers?role=viewer", admin));
        assertEquals(List.of("stoneshi"), names(viewers));
        assertEquals("viewer", viewers.at("/items/0/metadata/annotations/iam.kubesphere.io~1role").asText());
    }

    @Test
    void clusterPrefixVariants() throws Exception {
        String admin = login("admin");
        HttpResponse<String> unknown = get("/clusters/foo" + T + "/workspaces/stone/namespaces", admin);
        assertStatus(400, unknown);
        assertEquals("cluster foo not exists", json(unknown).at("/ErrStatus/message").asText());
        assertEquals("BadRequest", json(unknown).at("/ErrStatus/reason").asText());
        assertStatus(200, get(T + "/workspaces/stone/namespaces", admin));
        assertStatus(200, get("/kapis/clusters/host/tenant.kubesphere.io/v1beta1/workspaces/stone/namespaces", admin));
    }

    static List<String> names(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.get("items").forEach(i -> out.add(i.at("/metadata/name").asText()));
        return out;
    }
}
