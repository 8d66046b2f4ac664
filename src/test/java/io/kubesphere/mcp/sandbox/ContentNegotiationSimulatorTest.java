package io.kubesphere.mcp.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** go-restful's route selection as the simulator applies it: path, method (405), Content-Type (415), Accept (406). */
class ContentNegotiationSimulatorTest extends SimTestSupport {

    private HttpResponse<String> getWithAccept(String path, String token, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + token);
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A finished run of pipeline build, so that its log exists. */
    private String logPath(String admin) throws Exception {
        assertStatus(200, postJson(D + "/v1alpha3/namespaces/stone-devops/pipelines/build/pipelineruns", admin, ""));
        sim.advanceClock(Duration.ofSeconds(5));
        return D + "/v1alpha2/namespaces/stone-devops/pipelines/build/runs/2/log?start=0";
    }

    @Test
    void textRoutesAcceptOnlyTheWildcardOrNoAccept() throws Exception {
        String admin = login("admin");
        String log = logPath(admin);
        for (String accept : List.of("application/json, text/plain", "text/plain", "text/plain; charset=utf-8",
                "application/json")) {
            HttpResponse<String> r = getWithAccept(log, admin, accept);
            assertStatus(406, r);
            assertEquals("406: Not Acceptable", r.body(), accept);
        }
        for (String accept : List.of("*/*", "text/html, */*;q=0.1")) {
            HttpResponse<String> r = getWithAccept(log, admin, accept);
            assertStatus(200, r);
            assertTrue(r.body().contains("Finished: SUCCESS"));
        }
        assertStatus(200, getWithAccept(log, admin, null));
    }

    @Test
    void jsonRoutesMatchTheirEntryWithParametersCut() throws Exception {
        String admin = login("admin");
        String path = T + "/workspacetemplates";
        assertStatus(200, getWithAccept(path, admin, "application/json"));
        assertStatus(200, getWithAccept(path, admin, "application/json; charset=utf-8"));
        assertStatus(200, getWithAccept(path, admin, "text/plain, application/json;q=0.5"));
        assertStatus(406, getWithAccept(path, admin, "text/plain"));
        assertStatus(406, getWithAccept("/kapis/version", admin, "application/yaml"));
        assertStatus(200, getWithAccept("/clusters/host" + T + "/workspaces/stone/namespaces", admin,
                "application/json"));
    }

    @Test
    void tokenRouteConsumesOnlyForms() throws Exception {
        HttpResponse<String> r = send("POST", "/oauth/token", null, "application/json", "{}");
        assertStatus(415, r);
        assertEquals("415: Unsupported Media Type", r.body());
        assertStatus(405, get("/oauth/token", null));
        // Other POST routes consume anything: the wrong type is a 400 from ReadEntity, not a 415.
        String admin = login("admin");
        assertStatus(400, send("POST", I + "/users", admin, "text/plain", "{}"));
    }

    @Test
    void pathsAreMatchedDecodedAsGoSeesThem() throws Exception {
        String admin = login("admin");
        // %2F decodes to '/' before routing, so the segment splits in two and no route matches.
        assertStatus(404, get(D + "/v1alpha3/namespaces/stone-devops/pipelines/a%2Fb", admin));
        assertStatus(200, get(D + "/v1alpha3/namespaces/stone%2Ddevops/pipelines/build", admin));
        assertFalse(sim.requests().isEmpty());
    }
}
