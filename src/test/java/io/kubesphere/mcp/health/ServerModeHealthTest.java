package io.kubesphere.mcp.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesphere.mcp.auth.Callers;
import io.kubesphere.mcp.support.McpTestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** KS_MCP_AUTH=server (the default): ready means logged in; logins are counted; no OAuth metadata is offered. */
@QuarkusTest
class ServerModeHealthTest {

    @TestHTTPResource("/")
    URI root;
    @jakarta.inject.Inject
    io.kubesphere.mcp.kubesphere.KubeSphereEndpoint endpoint;

    @Test
    void readyMeansTheServerCredentialsLogIn() throws Exception {
        HttpResponse<String> ready = Callers.get(root.resolve("/q/health/ready"));
        assertEquals(200, ready.statusCode(), ready.body());
        JsonNode body = Callers.json(ready.body());
        assertEquals("UP", body.path("status").asText());
        // Quarkus' own graceful-shutdown check sits beside ours; find ours by name.
        JsonNode check = java.util.stream.StreamSupport.stream(body.path("checks").spliterator(), false)
                .filter(c -> c.path("name").asText().equals(io.kubesphere.mcp.health.KubeSphereReadiness.NAME))
                .findFirst().orElseThrow(() -> new AssertionError(ready.body()));
        assertEquals("server", check.path("data").path("auth").asText());
        // Probes are unauthenticated: they tell neither where KubeSphere is nor which version it runs.
        java.util.List<String> data = new java.util.ArrayList<>();
        check.path("data").fieldNames().forEachRemaining(data::add);
        assertEquals(java.util.List.of("auth", "kubesphere"), data, ready.body());
        assertFalse(ready.body().contains(endpoint.baseUrl()), ready.body());

        try (McpTestClient mcp = McpTestClient.http(root)) {
            assertEquals("admin", McpTestClient.structured(mcp.call("whoami", Map.of())).get("username"));
        }
        Metrics metrics = Metrics.scrape(root);
        assertThat(metrics.value("ks_mcp_kubesphere_logins_total", "result", "success"), greaterThanOrEqualTo(1.0));
        assertThat(metrics.value("ks_mcp_kubesphere_responses_total", "route", "/kapis/version", "status", "200"),
                greaterThanOrEqualTo(1.0));
        assertThat(metrics.value("ks_mcp_tool_calls_total", "tool", "whoami", "outcome", "ok"),
                greaterThanOrEqualTo(1.0));
    }

    /** Quarkus' JVM binder is off at build time; over HTTP the server binds the same JVM and process metrics itself. */
    @Test
    void jvmAndProcessMetricsAreServedOverHttp() throws Exception {
        Metrics metrics = Metrics.scrape(root);
        for (String name : new String[] {"jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                "jvm_gc_memory_allocated_bytes_total", "process_cpu_usage", "process_uptime_seconds",
                "system_cpu_count", "process_files_open_files"}) {
            assertThat(name, metrics.value(name), greaterThanOrEqualTo(0.0));
        }
    }

    @Test
    void serverModeIgnoresAuthorizationAndOffersNoMetadata() throws Exception {
        // An incoming token means nothing here: the call runs as the server's identity, and nothing is refused.
        try (McpTestClient mcp = Callers.client(root, () -> "whatever")) {
            assertEquals("admin", McpTestClient.structured(mcp.call("whoami", Map.of())).get("username"));
        }
        assertEquals(404, Callers.get(root.resolve("/.well-known/oauth-protected-resource")).statusCode());
    }
}
