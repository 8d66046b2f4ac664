package io.kubesphere.mcp.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpBehaviourSimulatorTest extends SimTestSupport {

    @Test
    void unmatchedRouteAndWrongMethod() throws Exception {
        String admin = login("admin");
        HttpResponse<String> r = get("/kapis/nothing.here/v1/things", admin);
        assertStatus(404, r);
        assertEquals("404: Page Not Found", r.body());
        r = send("DELETE", T + "/workspacetemplates", admin, null, null);
        assertStatus(405, r);
        assertEquals("405: Method Not Allowed", r.body());
        assertEquals("GET, POST", r.headers().firstValue("Allow").orElse(null));
    }

    @Test
    void bodyDecodingErrors() throws Exception {
        String admin = login("admin");
        HttpResponse<String> r = send("POST", I + "/users", admin, "text/plain", "{}");
        assertStatus(400, r);
        assertEquals("[ServiceError:400] Unable to unmarshal content of type:text/plain\n", r.body());
        r = send("POST", I + "/users", admin, null, "{}");
        assertStatus(400, r);
        assertTrue(r.body().startsWith("[ServiceError:400] Unable to unmarshal content of type:"));
        r = postJson(I + "/users", admin, "");
        assertStatus(400, r);
        assertEquals("EOF\n", r.body());
        r = postJson(I + "/users", admin, "{not json");
        assertStatus(400, r);
        assertTrue(r.body().startsWith("invalid character 'n'"), r.body());
        r = postJson(I + "/users", admin, "{\"metadata\":");
        assertStatus(400, r);
        assertEquals("unexpected EOF\n", r.body());
        r = postJson(I + "/workspaces/stone/workspacemembers", admin, "{}");
        assertStatus(400, r);
        assertTrue(r.body().startsWith("json: cannot unmarshal object into Go value of type"), r.body());
    }

    @Test
    void requestsAreRecordedWithoutDecoding() throws Exception {
        String admin = login("admin");
        sim.clearRequests();
        get("/clusters/host" + T + "/workspaces/stone/namespaces?name=a%20b", admin);
        get("/no/such/route", null);
        postJson(I + "/workspaces/stone/workspacemembers", admin, "[{\"username\":\"x\",\"roleRef\":\"stone-viewer\"}]");
        List<RecordedRequest> reqs = sim.requests();
        assertEquals(3, reqs.size());
        RecordedRequest first = reqs.get(0);
        assertEquals("GET", first.method());
        assertEquals("/clusters/host" + T + "/workspaces/stone/namespaces", first.path());
        assertEquals("name=a%20b", first.query());
        assertEquals("admin", first.user());
        assertEquals("", first.body());
        assertEquals(200, first.status());
        assertEquals(404, reqs.get(1).status());
        assertNull(reqs.get(1).user());
        assertNull(reqs.get(1).query());
        assertEquals("application/json", reqs.get(2).contentType());
        assertTrue(reqs.get(2).body().contains("stone-viewer"));
    }

    /** A sandbox serving an agent for hours must not keep every request it ever saw. */
    @Test
    void theRecordIsBoundedAndKeepsTheNewest() throws Exception {
        String admin = login("admin");
        assertEquals(10_000, sim.recordedMax, "the sandbox keeps the newest ten thousand");
        sim.recordedMax = 50;
        sim.clearRequests();
        for (int i = 0; i < sim.recordedMax + 3; i++) {
            get(i < 3 ? "/oldest/" + i : "/kapis/version", admin);
        }
        List<RecordedRequest> reqs = sim.requests();
        assertEquals(sim.recordedMax, reqs.size());
        assertEquals("/kapis/version", reqs.get(0).path(), "the three oldest were dropped");
        get("/newest", admin);
        assertEquals("/newest", sim.requests().get(sim.recordedMax - 1).path());
    }

    @Test
    void unavailableAndDelay() throws Exception {
        sim.setUnavailable(true);
        HttpResponse<String> r = get(T + "/clusters", null);
        assertStatus(503, r);
        assertEquals("service unavailable\n", r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertEquals(503, sim.requests().get(sim.requests().size() - 1).status());
        sim.setUnavailable(false);

        sim.setResponseDelay(Duration.ofMillis(600));
        HttpRequest slow = HttpRequest.newBuilder(URI.create(sim.baseUrl() + T + "/clusters"))
                .timeout(Duration.ofMillis(150)).build();
        assertThrows(HttpTimeoutException.class, () -> http.send(slow, HttpResponse.BodyHandlers.ofString()));
        sim.setResponseDelay(Duration.ZERO);
        assertStatus(403, get(T + "/clusters", null));
    }

    @Test
    void overloadedShedsLoadLikeTheApiServer() throws Exception {
        sim.setOverloaded(7);
        HttpResponse<String> r = get(T + "/clusters", null);
        assertStatus(429, r);
        assertEquals("Too many requests, please try again later.\n", r.body());
        assertEquals("7", r.headers().firstValue("Retry-After").orElse(""));
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        sim.setOverloaded(0);
        assertStatus(403, get(T + "/clusters", null));
    }

    @Test
    void emptySimulatorHasOnlyAdminAndBuiltins() throws Exception {
        KubeSphereSimulator empty = KubeSphereSimulator.empty();
        int port = empty.start(vertx).toCompletionStage().toCompletableFuture().get();
        try {
            HttpResponse<String> tok = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/oauth/token")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=admin&password=P%4088w0rd"
                            + "&client_id=kubesphere&client_secret=kubesphere")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertStatus(200, tok);
            String token = json(tok).get("access_token").asText();
            HttpResponse<String> users = http.send(HttpRequest.newBuilder(URI.create(empty.baseUrl() + I + "/users"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(1, json(users).get("totalItems").asInt());
            HttpResponse<String> ws = http.send(HttpRequest.newBuilder(URI.create(empty.baseUrl() + T
                    + "/workspacetemplates")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("{\"items\":[],\"totalItems\":0}", ws.body());
        } finally {
            empty.stop().toCompletionStage().toCompletableFuture().get();
        }
        assertEquals("P@88w0rd", KubeSphereSimulator.demoPassword("stoneshi"));
        assertNull(KubeSphereSimulator.demoPassword("nobody"));
    }
}
