package io.kubesphere.mcp.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** DevOps project creation and credential writes, as ks-devops' handlers and the apiserver behave. */
class DevOpsAdminSimulatorTest extends SimTestSupport {
    static final String P = D + "/v1alpha3/namespaces/stone-devops";

    @Test
    void projectCreationNeedsGenerateNameKeepsItUniqueAndBindsTheCreator() throws Exception {
        String admin = login("admin");
        HttpResponse<String> noGenerateName = postJson(D + "/v1alpha3/workspaces/stone/namespaces", admin,
                "{\"metadata\":{\"name\":\"team\"}}");
        assertStatus(400, noGenerateName);
        assertTrue(noGenerateName.body().contains("generateName is required"));

        HttpResponse<String> created = postJson(D + "/v1alpha3/workspaces/stone/namespaces", admin,
                "{\"metadata\":{\"generateName\":\"team\",\"annotations\":{\"kubesphere.io/creator\":\"admin\"}}}");
        assertStatus(200, created);
        String name = json(created).at("/metadata/name").asText();
        assertTrue(name.matches("team[a-z0-9]{5}"), name);
        assertEquals("pending", json(created).at("/metadata/annotations/devopsproject.devops.kubesphere.io~1syncstatus")
                .asText());
        // The creator administers the new namespace.
        assertStatus(200, get(D + "/v1alpha3/namespaces/" + name + "/pipelines", admin));

        HttpResponse<String> again = postJson(D + "/v1alpha3/workspaces/stone/namespaces", admin,
                "{\"metadata\":{\"generateName\":\"team\"}}");
        assertStatus(409, again);
        assertTrue(again.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));

        // A workspace regular may not create DevOps projects.
        assertStatus(403, postJson(D + "/v1alpha3/workspaces/stone/namespaces", login("stoneshi"),
                "{\"metadata\":{\"generateName\":\"mine\"}}"));
    }

    @Test
    void credentialsAreStoredAndAnsweredMasked() throws Exception {
        String stoneshi = login("stoneshi");
        String secret = "{\"metadata\":{\"name\":\"bot\"},\"type\":\"credential.devops.kubesphere.io/basic-auth\","
                + "\"data\":{\"username\":\"Ym90\",\"password\":\"c2VjcmV0\"}}";
        HttpResponse<String> created = postJson(P + "/credentials", stoneshi, secret);
        assertStatus(200, created);
        assertEquals("", json(created).at("/data/password").asText());
        assertEquals("Ym90", json(created).at("/data/username").asText());
        assertEquals("c2VjcmV0", sim.world().secrets.get("stone-devops").get("bot").at("/data/password").asText());

        HttpResponse<String> dup = postJson(P + "/credentials", stoneshi, secret);
        assertStatus(400, dup);
        assertTrue(dup.body().contains("already exists"));
        assertStatus(400, postJson(P + "/credentials", stoneshi, "{\"metadata\":{\"name\":\"b64\"},"
                + "\"type\":\"credential.devops.kubesphere.io/secret-text\",\"data\":{\"secret\":\"not base64!\"}}"));

        JsonNode got = json(get(P + "/credentials/bot", stoneshi));
        assertEquals("", got.at("/data/password").asText());
        assertStatus(404, get(P + "/credentials/nope", stoneshi));
    }

    @Test
    void updateReplacesTheSecretNamedInTheBodyAndKeepsItsType() throws Exception {
        String admin = login("admin");
        // The path's name is not read: the body's metadata.name is the Secret that is updated.
        HttpResponse<String> updated = putJson(P + "/credentials/ignored", admin, "{\"metadata\":{\"name\":"
                + "\"gitlab-token\"},\"type\":\"credential.devops.kubesphere.io/basic-auth\",\"data\":{\"username\":"
                + "\"eA==\",\"password\":\"eQ==\"}}");
        assertStatus(200, updated);
        assertEquals("eQ==", sim.world().secrets.get("stone-devops").get("gitlab-token").at("/data/password")
                .asText());
        assertEquals("", json(updated).at("/data/password").asText());

        HttpResponse<String> retype = putJson(P + "/credentials/gitlab-token", admin, "{\"metadata\":{\"name\":"
                + "\"gitlab-token\"},\"type\":\"credential.devops.kubesphere.io/secret-text\",\"data\":{}}");
        assertStatus(400, retype);
        assertTrue(retype.body().contains("field is immutable"));

        HttpResponse<String> stale = putJson(P + "/credentials/gitlab-token", admin, "{\"metadata\":{\"name\":"
                + "\"gitlab-token\",\"resourceVersion\":\"1\"},\"type\":\"credential.devops.kubesphere.io/basic-auth\"}");
        assertStatus(400, stale);
        assertTrue(stale.body().contains("the object has been modified"));

        assertStatus(404, putJson(P + "/credentials/nope", admin, "{\"metadata\":{\"name\":\"nope\"},"
                + "\"type\":\"credential.devops.kubesphere.io/basic-auth\"}"));
        assertStatus(400, putJson(P + "/credentials/gitlab-token", admin, "{\"type\":\"Opaque\"}"));
    }
}
