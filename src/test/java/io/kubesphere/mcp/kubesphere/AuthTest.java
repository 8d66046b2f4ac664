package io.kubesphere.mcp.kubesphere;

import io.kubesphere.mcp.support.SandboxTest;
import io.kubesphere.mcp.sandbox.RecordedRequest;
import io.kubesphere.mcp.support.McpTestClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.kubesphere.mcp.support.McpTestClient.text;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Token life cycle and failure handling against the simulator's OAuth server. */
@QuarkusTest
class AuthTest extends SandboxTest {

    @AfterEach
    void restore() {
        sim().setAccessTokenMaxAge(Duration.ofHours(2));
        sim().setUnavailable(false);
        sim().setOverloaded(0);
        sim().setResponseDelay(Duration.ZERO);
    }

    private static void ok(CallToolResult result) {
        assertFalse(result.isError(), text(result));
    }

    /** Tokens issued in the same second are identical JWTs (as in KubeSphere); let the current one age first. */
    private void settle(McpTestClient mcp) {
        ok(mcp.call("whoami", Map.of()));
        clock.advance(Duration.ofMillis(1100));
    }

    @Test
    void theTokenIsRefreshedShortlyBeforeItExpires() throws Exception {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            sim().setAccessTokenMaxAge(Duration.ofSeconds(4));
            settle(mcp);
            sim().revokeAllTokens();
            ok(mcp.call("whoami", Map.of())); // 401, then a fresh 4 s token
            int refreshes = sim().tokenGrants("refresh_token");
            int logins = sim().tokenGrants("password");
            clock.advance(Duration.ofMillis(3300)); // past the refresh point (a quarter of a short lifetime before expiry)
            ok(mcp.call("whoami", Map.of()));
            assertEquals(refreshes + 1, sim().tokenGrants("refresh_token"), "one refresh grant");
            assertEquals(logins, sim().tokenGrants("password"), "no new password login");
        }
    }

    @Test
    void a401LogsInAgainOnceAndRetries() throws Exception {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            settle(mcp);
            int logins = sim().tokenGrants("password");
            sim().revokeAllTokens();
            sim().clearRequests();
            ok(mcp.call("get_workspace", Map.of("workspace", "stone")));
            assertEquals(logins + 1, sim().tokenGrants("password"));
            List<String> seen = sim().requests().stream().map(r -> r.status() + " " + r.method() + " " + r.path()).toList();
            assertEquals(List.of("401 GET /kapis/tenant.kubesphere.io/v1beta1/workspacetemplates/stone",
                    "200 POST /oauth/token",
                    "200 GET /kapis/tenant.kubesphere.io/v1beta1/workspacetemplates/stone"), seen);
        }
    }

    @Test
    void concurrentCallsShareOneLogin() throws Exception {
        List<McpTestClient> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 8; i++) {
                clients.add(McpTestClient.http(root));
            }
            settle(clients.get(0));
            int logins = sim().tokenGrants("password");
            sim().revokeAllTokens();
            List<Callable<CallToolResult>> calls = new ArrayList<>();
            for (McpTestClient client : clients) {
                calls.add(() -> client.call("list_clusters", Map.of()));
                calls.add(() -> client.call("get_workspace", Map.of("workspace", "demo")));
            }
            for (Future<CallToolResult> result : pool.invokeAll(calls)) {
                ok(result.get());
            }
            assertEquals(logins + 1, sim().tokenGrants("password"), "16 calls after a revocation, one login");
        } finally {
            pool.shutdownNow();
            clients.forEach(McpTestClient::close);
        }
    }

    @Test
    void anOutageIsAClearErrorAndTheServerRecovers() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            ok(mcp.call("list_clusters", Map.of()));
            sim().setUnavailable(true);
            CallToolResult down = mcp.call("list_clusters", Map.of());
            assertTrue(down.isError());
            assertThat(text(down), containsString("503"));
            assertThat(text(down), containsString("Retry later"));
            sim().setUnavailable(false);
            ok(mcp.call("list_clusters", Map.of()));
        }
    }

    @Test
    void aRateLimitedReadSaysWhenToRetryAndIsNoLoginLockout() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            ok(mcp.call("list_clusters", Map.of()));
            sim().setOverloaded(7);
            CallToolResult limited = mcp.call("list_workspaces", Map.of());
            assertTrue(limited.isError());
            assertThat(text(limited), containsString("rate limiting requests"));
            assertThat(text(limited), containsString("retry after 7 seconds"));
            assertThat(text(limited), org.hamcrest.Matchers.not(containsString("login")));
            assertThat(text(limited), org.hamcrest.Matchers.not(containsString("password")));
            sim().setOverloaded(0);
            ok(mcp.call("list_workspaces", Map.of()));
        }
    }

    @Test
    void aSlowKubeSphereTimesOutWithAClearMessage() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            ok(mcp.call("list_clusters", Map.of()));
            sim().setResponseDelay(Duration.ofSeconds(5)); // read timeout is 3 s in tests
            CallToolResult slow = mcp.call("list_clusters", Map.of());
            assertTrue(slow.isError());
            assertThat(text(slow), containsString("did not answer in time"));
            assertThat(text(slow), containsString("KUBESPHERE_READ_TIMEOUT"));
            sim().setResponseDelay(Duration.ZERO);
            ok(mcp.call("list_clusters", Map.of()));
        }
    }

    @Test
    void tokensNeverReachToolOutput() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            String whoami = mcp.call("whoami", Map.of()).toString();
            RecordedRequest any = sim().requests().stream().filter(r -> r.path().startsWith("/kapis")).findFirst()
                    .orElseThrow();
            assertFalse(whoami.contains("eyJ"), "no JWT in the result");
            assertFalse(whoami.contains("P@88w0rd"), "no password in the result");
            assertEquals("admin", any.user());
        }
    }
}
