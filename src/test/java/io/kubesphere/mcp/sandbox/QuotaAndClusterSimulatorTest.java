package io.kubesphere.mcp.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Workspace quotas, cluster members and roles, login records: as KubeSphere v4.1.3's handlers answer them. */
class QuotaAndClusterSimulatorTest extends SimTestSupport {

    static final String Q = "/clusters/host" + T + "/workspaces/stone/resourcequotas";
    static final String BODY = """
            {"apiVersion":"quota.kubesphere.io/v1alpha2","kind":"ResourceQuota","metadata":{"name":"stone"},
             "spec":{"selector":{},"quota":{"hard":{"limits.cpu":"4","pods":20}}}}""";

    @Test
    void quotaCreateGetAndFullReplaceWithResourceVersion() throws Exception {
        String admin = login("admin");
        assertStatus(404, get(Q + "/stone", admin));
        assertEquals("ResourceQuota.quota.kubesphere.io \"stone\" not found\n", get(Q + "/stone", admin).body());

        HttpResponse<String> created = postJson(Q, admin, BODY);
        assertStatus(200, created);
        JsonNode q = json(created);
        assertEquals("stone", q.at("/metadata/labels/kubesphere.io~1workspace").asText());
        assertEquals("stone", q.at("/spec/selector/kubesphere.io~1workspace").asText(), "the server sets the selector");
        assertEquals("4", q.at("/spec/quota/hard/limits.cpu").asText());

        // There is no list route and a duplicate is a 500, as every store error of this handler.
        assertStatus(405, get(Q, admin));
        assertStatus(500, postJson(Q, admin, BODY));

        String rv = q.at("/metadata/resourceVersion").asText();
        assertStatus(500, putJson(Q + "/stone", admin, BODY));
        String replace = BODY.replace("\"name\":\"stone\"}", "\"name\":\"stone\",\"resourceVersion\":\"" + rv + "\"}")
                .replace("\"4\"", "\"8\"");
        HttpResponse<String> updated = putJson(Q + "/stone", admin, replace);
        assertStatus(200, updated);
        assertEquals("8", json(updated).at("/spec/quota/hard/limits.cpu").asText());
        HttpResponse<String> stale = putJson(Q + "/stone", admin, replace);
        assertStatus(500, stale);
        assertTrue(stale.body().contains("the object has been modified"), stale.body());
        assertEquals("8", json(get(Q + "/stone", admin)).at("/status/total/hard/limits.cpu").asText());

        // Another workspace's path does not reach this quota.
        assertStatus(404, get("/clusters/host" + T + "/workspaces/demo/resourcequotas/stone", admin));
    }

    @Test
    void aMalformedQuantityFailsTheDecodeWith400() throws Exception {
        String admin = login("admin");
        HttpResponse<String> bad = postJson(Q, admin, BODY.replace("\"4\"", "\"four\""));
        assertStatus(400, bad);
        assertTrue(bad.body().startsWith("quantities must match the regular expression"), bad.body());
        assertStatus(400, postJson(Q, admin, BODY.replace("\"4\"", "\"4Qi\"")));
        assertStatus(404, get(Q + "/stone", admin));
    }

    @Test
    void onlyWorkspaceMembersWithARoleMayTouchQuotas() throws Exception {
        assertStatus(403, postJson(Q, login("stoneshi"), BODY));
        assertStatus(403, get(Q + "/stone", login("demo-user")));
    }

    @Test
    void clusterMembersAndRoles() throws Exception {
        String admin = login("admin");
        JsonNode members = json(get("/clusters/host" + I + "/clustermembers?sortBy=name&ascending=true", admin));
        assertEquals(2, members.get("totalItems").asInt());
        assertEquals("admin", members.at("/items/0/metadata/name").asText());
        assertEquals("cluster-admin", members.at("/items/0/metadata/annotations/iam.kubesphere.io~1clusterrole")
                .asText());
        JsonNode viewers = json(get("/clusters/host" + I + "/clustermembers?clusterrole=cluster-viewer", admin));
        assertEquals(1, viewers.get("totalItems").asInt());
        assertEquals("stoneshi", viewers.at("/items/0/metadata/name").asText());

        JsonNode roles = json(get("/clusters/host" + I + "/clusterroles", admin));
        assertEquals(2, roles.get("items").size());
        assertStatus(403, get("/clusters/host" + I + "/clustermembers", login("demo-user")));
    }

    @Test
    void workspaceClustersComeFromThePlacement() throws Exception {
        String admin = login("admin");
        JsonNode clusters = json(get(T + "/workspaces/stone/clusters", admin));
        assertEquals(1, clusters.get("totalItems").asInt());
        assertEquals("host", clusters.at("/items/0/metadata/name").asText());
        HttpResponse<String> missing = get(T + "/workspaces/nope/clusters", admin);
        assertStatus(404, missing);
        assertEquals("WorkspaceTemplate.tenant.kubesphere.io \"nope\" not found\n", missing.body());
    }

    @Test
    void aMembersNamespacesAreTheBoundOnesUnlessTheWorkspaceRoleListsAll() throws Exception {
        String admin = login("admin");
        JsonNode regular = json(get(T + "/workspaces/stone/workspacemembers/stoneshi/namespaces?sortBy=name"
                + "&ascending=true", admin));
        assertEquals(2, regular.get("totalItems").asInt());
        assertEquals("stone-devops", regular.at("/items/0/metadata/name").asText());
        assertEquals("stone-project", regular.at("/items/1/metadata/name").asText());
        // admin manages stone: its workspace role lists every namespace of the workspace.
        assertEquals(2, json(get(T + "/workspaces/stone/workspacemembers/admin/namespaces", admin))
                .get("totalItems").asInt());
        assertEquals(0, json(get(T + "/workspaces/demo/workspacemembers/stoneshi/namespaces", admin))
                .get("totalItems").asInt());
        assertStatus(403, get(T + "/workspaces/stone/workspacemembers/stoneshi/namespaces", login("demo-user")));
    }

    @Test
    void loginsLeaveRecordsNewestFirst() throws Exception {
        assertStatus(400, passwordGrant("stoneshi", "wrong-Passw0rd"));
        sim.advanceClock(java.time.Duration.ofSeconds(5));
        login("stoneshi");
        String admin = login("admin");
        JsonNode records = json(get(I + "/users/stoneshi/loginrecords", admin));
        assertEquals(2, records.get("totalItems").asInt());
        assertTrue(records.at("/items/0/spec/success").asBoolean());
        assertEquals("authenticated successfully", records.at("/items/0/spec/reason").asText());
        assertEquals("incorrect password", records.at("/items/1/spec/reason").asText());
        assertEquals("stoneshi", records.at("/items/1/metadata/labels/iam.kubesphere.io~1user-ref").asText());
        assertEquals("Token", records.at("/items/1/spec/type").asText());
        assertEquals(0, json(get(I + "/users/nobody/loginrecords", admin)).get("totalItems").asInt());
        assertStatus(403, get(I + "/users/stoneshi/loginrecords", login("demo-user")));
    }
}
