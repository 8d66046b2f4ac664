package io.kubesphere.mcp.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesphere.mcp.auth.Callers;
import io.kubesphere.mcp.support.McpTestClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The probe paths of deploy/deployment.yaml answer 200 on the running server; a lost session answers 404. */
@QuarkusTest
class ProbePathsTest {

    @TestHTTPResource("/")
    URI root;

    @Test
    void everyProbeOfTheDeploymentAnswers200() throws Exception {
        JsonNode container = Manifests.one("Deployment").path("spec").path("template").path("spec").path("containers")
                .get(0);
        List<String> paths = new ArrayList<>();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode get = container.path(probe).path("httpGet");
            assertEquals("http", get.path("port").asText(), probe + " uses the named port");
            paths.add(get.path("path").asText());
            HttpResponse<String> response = Callers.get(root.resolve(get.path("path").asText()));
            assertEquals(200, response.statusCode(), probe + " " + get.path("path").asText() + ": " + response.body());
            assertEquals("UP", Callers.json(response.body()).path("status").asText());
        }
        assertThat(paths, hasItems("/q/health/live", "/q/health/ready"));
        String scrape = container.path("ports").get(0).path("containerPort").asText();
        assertEquals(scrape, Manifests.one("Deployment").path("spec").path("template").path("metadata")
                .path("annotations").path("prometheus.io/port").asText());
        HttpResponse<String> metrics = Callers.get(root.resolve(Manifests.one("Deployment").path("spec")
                .path("template").path("metadata").path("annotations").path("prometheus.io/path").asText()));
        assertEquals(200, metrics.statusCode());
        assertThat(metrics.body(), containsString("ks_mcp_kubesphere_logins_total"));
    }

    /**
     * What a client sees when the replica holding its session is gone: the SDK transport answers 404 for a session
     * id it does not know (POST and GET alike), which tells MCP clients to initialize again.
     */
    @Test
    void anUnknownSessionIs404FromTheSdkTransport() throws Exception {
        String gone = UUID.randomUUID().toString();
        HttpResponse<String> post = Callers.post(root, null, gone, Callers.TOOLS_LIST);
        assertEquals(404, post.statusCode(), post.body());
        HttpResponse<String> get = Callers.HTTP.send(HttpRequest.newBuilder(root.resolve("/mcp"))
                .header("Accept", "text/event-stream").header("Mcp-Session-Id", gone).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, get.statusCode());

        // A session that ended server-side (as when its replica restarts) is unknown from then on.
        String session = Callers.initialize(root, null);
        HttpResponse<String> ended = Callers.HTTP.send(HttpRequest.newBuilder(root.resolve("/mcp"))
                .header("Mcp-Session-Id", session).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ended.statusCode(), ended.body());
        assertEquals(404, Callers.post(root, null, session, Callers.TOOLS_LIST).statusCode());
    }

    /** The official Java SDK client, when its session disappears under it (its replica went away). */
    @Test
    void theSdkClientStartsANewSessionAfterA404() throws Exception {
        AtomicReference<String> sessionSeen = new AtomicReference<>();
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder(root.toString().replaceAll("/+$", "")).endpoint("/mcp")
                .httpRequestCustomizer((builder, method, uri, body, context) ->
                        builder.copy().build().headers().firstValue("Mcp-Session-Id").ifPresent(sessionSeen::set))
                .build();
        try (McpTestClient mcp = McpTestClient.over(transport, null)) {
            assertEquals("admin", McpTestClient.structured(mcp.call("whoami", Map.of())).get("username"));
            assertNotNull(sessionSeen.get(), "the client sends its session id");
            String first = sessionSeen.get();
            Callers.HTTP.send(HttpRequest.newBuilder(root.resolve("/mcp")).header("Mcp-Session-Id", first).DELETE()
                    .build(), HttpResponse.BodyHandlers.ofString());
            // The call that meets the 404 fails; the client has dropped the session and the next call runs in a
            // fresh one (SDK 2.1.0 re-initializes by itself).
            RuntimeException lost = assertThrows(RuntimeException.class, () -> mcp.call("whoami", Map.of()));
            assertThat(lost.getMessage(), containsString("terminated"));
            assertEquals("admin", McpTestClient.structured(mcp.call("whoami", Map.of())).get("username"));
            assertNotEquals(first, sessionSeen.get(), "a new session");
        }
    }
}
