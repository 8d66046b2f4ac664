package io.kubesphere.mcp.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IamSimulatorTest extends SimTestSupport {

    private static String user(String name, String email, String password, String role) {
        return """
                {"apiVersion":"iam.kubesphere.io/v1beta1","kind":"User","metadata":{"name":"%s","annotations":{
                "iam.kubesphere.io/globalrole":"%s","iam.kubesphere.io/uninitialized":"true","kubesphere.io/creator":"admin"}},
                "spec":{"email":"%s","password":"%s"}}""".formatted(name, role, email, password);
    }

    @Test
    void createUserAndItsErrors() throws Exception {
        String admin = login("admin");
        HttpResponse<String> r = postJson(I + "/users", admin, user("alice", "alice@example.com", "Passw0rd!",
                "platform-regular"));
        assertStatus(200, r);
        JsonNode alice = json(r);
        assertEquals("Active", alice.at("/status/state").asText());
        assertFalse(alice.get("spec").has("password"));
        assertFalse(r.body().contains("Passw0rd!"));
        assertTrue(alice.at("/metadata/annotations").has("iam.kubesphere.io/last-password-change-time"));

        HttpResponse<String> dup = postJson(I + "/users", admin, user("alice", "alice2@example.com", "Passw0rd!",
                "platform-regular"));
        assertStatus(409, dup);
        assertEquals("users.iam.kubesphere.io \"alice\" already exists\n", dup.body());

        HttpResponse<String> weak = postJson(I + "/users", admin, user("bob", "bob@example.com", "abc",
                "platform-regular"));
        assertStatus(422, weak);
        assertTrue(weak.body().startsWith("User.iam.kubesphere.io \"bob\" is invalid: spec.password: Invalid value: "
                + "\"[redacted]\": spec.password in body should be at least 8 chars long"), weak.body());
        assertFalse(weak.body().contains("\"abc\""));
        assertStatus(422, postJson(I + "/users", admin, user("bob", "bob@example.com", "alllowercase1",
                "platform-regular")));

        assertStatus(400, postJson(I + "/users", admin, user("bob", "not-an-email", "Passw0rd!", "platform-regular")));
        HttpResponse<String> dupMail = postJson(I + "/users", admin, user("bob", "alice@example.com", "Passw0rd!",
                "platform-regular"));
        assertStatus(400, dupMail);
        assertEquals("user email: alice@example.com already exists\n", dupMail.body());
        assertStatus(404, postJson(I + "/users", admin, user("bob", "bob@example.com", "Passw0rd!", "no-such-role")));

        // The new user can log in, and the JWT marks it uninitialized.
        JsonNode grant = json(passwordGrant("alice", "Passw0rd!"));
        String payload = new String(java.util.Base64.getUrlDecoder()
                .decode(grant.get("access_token").asText().split("\\.")[1]));
        assertTrue(payload.contains("\"uninitialized\":[\"true\"]"), payload);

        HttpResponse<String> missing = get(I + "/users/bob", admin);
        assertStatus(404, missing);
        assertEquals("User.iam.kubesphere.io \"bob\" not found\n", missing.body());
        assertEquals("nosniff", missing.headers().firstValue("X-Content-Type-Options").orElse(null));
    }

    @Test
    void updateUserNeedsResourceVersionAndKeepsPassword() throws Exception {
        String admin = login("admin");
        ObjectNode u = (ObjectNode) json(get(I + "/users/stoneshi", admin));
        String rv = u.at("/metadata/resourceVersion").asText();

        ObjectNode noRv = u.deepCopy();
        ((ObjectNode) noRv.get("metadata")).remove("resourceVersion");
        HttpResponse<String> r = putJson(I + "/users/stoneshi", admin, noRv.toString());
        assertStatus(422, r);
        assertTrue(r.body().contains("metadata.resourceVersion: Invalid value: 0x0: must be specified for an update"));

        ObjectNode stale = u.deepCopy();
        ((ObjectNode) stale.get("metadata")).put("resourceVersion", "1");
        r = putJson(I + "/users/stoneshi", admin, stale.toString());
        assertStatus(409, r);
        assertEquals("Operation cannot be fulfilled on users.iam.kubesphere.io \"stoneshi\": the object has been "
                + "modified; please apply your changes to the latest version and try again\n", r.body());

        r = putJson(I + "/users/admin", admin, u.toString());
        assertStatus(400, r);
        assertEquals("the name of the object (stoneshi) does not match the name on the URL (admin)\n", r.body());

        ObjectNode bad = u.deepCopy();
        ((ObjectNode) bad.at("/metadata/annotations")).put("iam.kubesphere.io/globalrole", "nope");
        assertStatus(404, putJson(I + "/users/stoneshi", admin, bad.toString()));

        ObjectNode change = u.deepCopy();
        ((ObjectNode) change.at("/metadata/annotations")).put("iam.kubesphere.io/globalrole", "platform-admin");
        r = putJson(I + "/users/stoneshi", admin, change.toString());
        assertStatus(200, r);
        assertEquals("platform-admin", json(r).at("/metadata/annotations/iam.kubesphere.io~1globalrole").asText());
        assertNotEquals(rv, json(r).at("/metadata/resourceVersion").asText());
        assertEquals("Active", json(r).at("/status/state").asText());
        // Password kept, new role effective.
        String token = login("stoneshi");
        assertStatus(200, get(I + "/users", token));
        assertEquals(2, json(get(I + "/users?globalrole=platform-admin", token)).get("totalItems").asInt());
    }

    @Test
    void putWithActiveStatusRestartsTheTransitionTimeAndWithoutKeepsIt() throws Exception {
        String admin = login("admin");
        ObjectNode u = (ObjectNode) json(get(I + "/users/demo-user", admin));
        String since = u.at("/status/lastTransitionTime").asText();
        sim.advanceClock(java.time.Duration.ofMinutes(5));

        ObjectNode bare = u.deepCopy();
        bare.remove("status");
        HttpResponse<String> r = putJson(I + "/users/demo-user", admin, bare.toString());
        assertStatus(200, r);
        assertEquals(since, json(r).at("/status/lastTransitionTime").asText(), "no status: the stored one is kept");
        assertEquals("Active", json(r).at("/status/state").asText());

        ObjectNode active = (ObjectNode) json(r);
        r = putJson(I + "/users/demo-user", admin, active.toString());
        assertStatus(200, r);
        assertNotEquals(since, json(r).at("/status/lastTransitionTime").asText(),
                "state Active in the body restarts lastTransitionTime even when unchanged");
    }

    @Test
    void listByGlobalRoleIgnoresPagingAndName() throws Exception {
        String admin = login("admin");
        JsonNode paged = json(get(I + "/users?globalrole=platform-regular&page=2&limit=1&name=zzz", admin));
        assertEquals(2, paged.get("totalItems").asInt());
        assertEquals(2, paged.get("items").size(), "every holder, whatever page, limit and name say");
        JsonNode plain = json(get(I + "/users?page=2&limit=1", admin));
        assertEquals(3, plain.get("totalItems").asInt());
        assertEquals(1, plain.get("items").size(), "without globalrole the list is paged");
    }

    @Test
    void disabledUserCannotLoginAndLosesTokens() throws Exception {
        String admin = login("admin");
        String token = login("demo-user");
        ObjectNode u = (ObjectNode) json(get(I + "/users/demo-user", admin));
        ((ObjectNode) u.get("status")).put("state", "Disabled");
        HttpResponse<String> r = putJson(I + "/users/demo-user", admin, u.toString());
        assertStatus(200, r);
        assertEquals("Disabled", json(r).at("/status/state").asText());
        HttpResponse<String> login = passwordGrant("demo-user", PW);
        assertStatus(400, login);
        assertEquals("Account suspended.", json(login).get("error_description").asText());
        HttpResponse<String> old = get(I + "/users/demo-user", token);
        assertStatus(401, old);
        assertEquals("account is not active", json(old).get("message").asText());
    }

    @Test
    void workspaceMembers() throws Exception {
        String admin = login("admin");
        String base = I + "/workspaces/stone/workspacemembers";
        JsonNode list = json(get(base, admin));
        assertEquals(2, list.get("totalItems").asInt());
        JsonNode stub = null;
        for (JsonNode i : list.get("items")) {
            if (i.at("/metadata/name").asText().equals("stoneshi")) {
                stub = i;
            }
        }
        assertEquals("{\"metadata\":{\"name\":\"stoneshi\",\"creationTimestamp\":null,\"annotations\":"
                + "{\"iam.kubesphere.io/workspacerole\":\"stone-regular\"}},\"spec\":{\"email\":\"\"},\"status\":{}}",
                stub.toString());
        JsonNode admins = json(get(base + "?workspacerole=stone-admin", admin));
        assertEquals(1, admins.get("totalItems").asInt());

        HttpResponse<String> r = postJson(base, admin, "[{\"username\":\"ghost\",\"roleRef\":\"stone-viewer\"}]");
        assertStatus(200, r);
        assertEquals("[{\"username\":\"ghost\",\"roleRef\":\"stone-viewer\"}]", r.body());
        assertStatus(404, postJson(base, admin, "[{\"username\":\"ghost\",\"roleRef\":\"demo-viewer\"}]"));
        // Re-inviting replaces the binding.
        assertStatus(200, postJson(base, admin, "[{\"username\":\"ghost\",\"roleRef\":\"stone-regular\"}]"));
        assertEquals(3, json(get(base, admin)).get("totalItems").asInt());

        r = putJson(base + "/stoneshi", admin, "{\"username\":\"stoneshi\",\"roleRef\":\"stone-viewer\"}");
        assertStatus(200, r);
        assertEquals("success", json(r).get("message").asText());
        r = putJson(base + "/demo-user", admin, "{\"username\":\"demo-user\",\"roleRef\":\"stone-viewer\"}");
        assertStatus(400, r);
        assertEquals("member demo-user not exist\n", r.body());
        r = putJson(base + "/stoneshi", admin, "{\"username\":\"bob\",\"roleRef\":\"stone-viewer\"}");
        assertStatus(400, r);
        assertTrue(r.body().startsWith("incorrect username"));

        JsonNode full = json(get(base + "/stoneshi", admin));
        assertEquals("stoneshi@kubesphere.io", full.at("/spec/email").asText());
        assertEquals("stone-viewer", full.at("/metadata/annotations/iam.kubesphere.io~1workspacerole").asText());
        assertStatus(400, get(base + "/demo-user", admin));

        // A regular member may list but not invite.
        String demoUser = login("demo-user");
        assertStatus(200, get(I + "/workspaces/demo/workspacemembers", demoUser));
        assertStatus(403, postJson(I + "/workspaces/demo/workspacemembers", demoUser,
                "[{\"username\":\"stoneshi\",\"roleRef\":\"demo-admin\"}]"));
    }

    @Test
    void namespaceMembers() throws Exception {
        String admin = login("admin");
        String base = "/clusters/host" + I + "/namespaces/stone-project/namespacemembers";
        assertStatus(404, postJson(base, admin, "[{\"username\":\"demo-user\",\"roleRef\":\"stone-viewer\"}]"));
        assertStatus(200, postJson(base, admin, "[{\"username\":\"demo-user\",\"roleRef\":\"operator\"}]"));
        assertStatus(200, putJson(base + "/demo-user", admin, "{\"username\":\"demo-user\",\"roleRef\":\"admin\"}"));
        assertEquals("admin", json(get(base + "?role=admin&name=demo", admin))
                .at("/items/0/metadata/annotations/iam.kubesphere.io~1role").asText());
        assertStatus(400, putJson(base + "/nobody", admin, "{\"username\":\"nobody\",\"roleRef\":\"admin\"}"));
        HttpResponse<String> r = get(base + "/demo-user", admin);
        assertStatus(405, r);
        assertTrue(r.headers().firstValue("Allow").orElse("").contains("PUT"));
        // Viewer reads members, cannot invite.
        String stoneshi = login("stoneshi");
        assertStatus(200, get(base, stoneshi));
        assertStatus(403, postJson(base, stoneshi, "[{\"username\":\"stoneshi\",\"roleRef\":\"admin\"}]"));
    }

    @Test
    void rolesAreKubernetesListsWithCreatorAnnotations() throws Exception {
        String admin = login("admin");
        JsonNode global = json(get(I + "/globalroles", admin));
        assertEquals(String.valueOf(global.get("items").size()), global.at("/metadata/continue").asText());
        assertEquals(0, global.at("/metadata/remainingItemCount").asInt());
        assertFalse(global.has("totalItems"));
        Map<String, String> creators = new HashMap<>();
        global.get("items").forEach(i -> creators.put(i.at("/metadata/name").asText(),
                i.at("/metadata/annotations/kubesphere.io~1creator").asText(null)));
        assertEquals("admin", creators.get("platform-admin"));
        assertEquals("admin", creators.get("platform-regular"));
        assertEquals(null, creators.get("authenticated"));
        assertTrue(creators.containsKey("users-auditor"));
        JsonNode withCreator = json(get(I + "/globalroles?annotation=kubesphere.io/creator", admin));
        assertEquals(4, withCreator.get("items").size());

        JsonNode ws = json(get(I + "/workspaces/stone/workspaceroles", admin));
        assertEquals("5", ws.at("/metadata/continue").asText());
        JsonNode ns = json(get("/clusters/host" + I + "/namespaces/stone-project/roles", admin));
        assertEquals("4", ns.at("/metadata/continue").asText());
        boolean custom = false;
        for (JsonNode i : ns.get("items")) {
            if (i.at("/metadata/name").asText().equals("deployer")) {
                custom = "admin".equals(i.at("/metadata/annotations/kubesphere.io~1creator").asText());
            } else {
                assertEquals("system", i.at("/metadata/annotations/kubesphere.io~1creator").asText());
            }
        }
        assertTrue(custom);
    }
}
