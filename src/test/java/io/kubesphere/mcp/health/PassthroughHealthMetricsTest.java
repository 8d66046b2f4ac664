package io.kubesphere.mcp.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesphere.mcp.support.SandboxTest;
import io.kubesphere.mcp.auth.Callers;
import io.kubesphere.mcp.auth.PassthroughProfile;
import io.kubesphere.mcp.support.McpTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Health and metrics with KS_MCP_AUTH=passthrough (no server credentials: ready = KubeSphere answers). */
@QuarkusTest
@TestProfile(PassthroughProfile.class)
class PassthroughHealthMetricsTest extends SandboxTest {

    private JsonNode health(String path, int expectedStatus) throws Exception {
        HttpResponse<String> response = Callers.get(root.resolve(path));
        assertEquals(expectedStatus, response.statusCode(), response.body());
        return Callers.json(response.body());
    }

    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode check : health.path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }

    @Test
    void liveAndReadyWithoutAnyCredentials() throws Exception {
        assertEquals("UP", health("/q/health/live", 200).path("status").asText());
        JsonNode ready = health("/q/health/ready", 200);
        assertEquals("UP", ready.path("status").asText());
        JsonNode kubesphere = check(ready, "kubesphere");
        assertEquals("passthrough", kubesphere.path("data").path("auth").asText());
    }

    @Test
    void notReadyWhileKubeSphereIsDownAndReadyAgainAfter() throws Exception {
        health("/q/health/ready", 200);
        try {
            sandbox.simulator().setUnavailable(true);
            // A probe result is reused for 5 s, so the change shows within a few seconds.
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Callers.get(root.resolve("/q/health/ready")).statusCode() == 503);
            JsonNode down = health("/q/health/ready", 503);
            assertEquals("DOWN", check(down, "kubesphere").path("status").asText());
            assertEquals("KubeSphere answered 503", check(down, "kubesphere").path("data").path("reason").asText());
        } finally {
            sandbox.simulator().setUnavailable(false);
        }
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> Callers.get(root.resolve("/q/health/ready")).statusCode() == 200);
    }

    @Test
    void metricsCountCallsErrorsLatencyAndRefusalsPerTool() throws Exception {
        String tenant = Callers.token(sandbox.baseUrl(), "stoneshi");
        Metrics before = Metrics.scrape(root);
        try (McpTestClient mcp = Callers.client(root, () -> tenant)) {
            mcp.call("whoami", Map.of());
            mcp.call("whoami", Map.of());
            assertTrue(mcp.call("list_clusters", Map.of("limit", 0)).isError(), "invalid: limit 0");
            assertTrue(mcp.call("create_workspace", Map.of("workspace", "m-x", "clusters", java.util.List.of("host")))
                    .isError(), "refused: read-only");
        }
        Metrics after = Metrics.scrape(root);
        String calls = "ks_mcp_tool_calls_total";
        assertEquals(2, delta(before, after, calls, "tool", "whoami", "outcome", "ok"));
        assertEquals(1, delta(before, after, calls, "tool", "list_clusters", "outcome", "invalid"));
        assertEquals(1, delta(before, after, calls, "tool", "create_workspace", "outcome", "refused"));
        assertEquals(0, delta(before, after, "ks_mcp_tool_errors_total", "tool", "whoami"));
        assertEquals(1, delta(before, after, "ks_mcp_tool_errors_total", "tool", "list_clusters", "outcome", "invalid"));
        assertEquals(1, delta(before, after, "ks_mcp_tool_errors_total", "tool", "create_workspace", "outcome", "refused"));
        assertEquals(1, delta(before, after, "ks_mcp_policy_refusals_total", "tool", "create_workspace"));
        assertEquals(0, delta(before, after, "ks_mcp_policy_refusals_total", "tool", "list_clusters"));
        // Latency per tool: a Prometheus histogram with a count, a sum and buckets.
        assertEquals(2, delta(before, after, "ks_mcp_tool_duration_seconds_count", "tool", "whoami"));
        assertThat(after.value("ks_mcp_tool_duration_seconds_sum", "tool", "whoami"), greaterThan(0.0));
        assertThat(after.text(), containsString("ks_mcp_tool_duration_seconds_bucket{tool=\"whoami\",le=\"0.1\""));
        // What KubeSphere answered, per route template (never per name), and the caller checks at /mcp.
        assertEquals(2, delta(before, after, "ks_mcp_kubesphere_responses_total", "method", "GET",
                "route", "/kapis/iam.kubesphere.io/v1beta1/users/{username}", "status", "200"));
        assertThat(delta(before, after, "ks_mcp_caller_auth_total", "result", "ok"), greaterThan(0.0));
        assertThat(after.text(), containsString("ks_mcp_kubesphere_logins_total{result=\"success\""));
        assertThat(after.text(), containsString("ks_mcp_kubesphere_token_refreshes_total{result=\"success\""));
        assertThat("no username or token in any label", after.text(), org.hamcrest.Matchers.not(containsString(tenant)));
    }

    private static double delta(Metrics before, Metrics after, String name, String... labels) {
        return after.count(name, labels) - before.count(name, labels);
    }
}
