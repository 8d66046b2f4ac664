package io.kubesphere.mcp.kubesphere;

import io.kubesphere.mcp.support.SandboxTest;
import io.kubesphere.mcp.support.McpTestClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static io.kubesphere.mcp.support.McpTestClient.text;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Wrong credentials: a clear error on each call, a back-off that protects the account, and the 429 lockout. */
@QuarkusTest
@TestProfile(BadLoginTest.WrongPassword.class)
class BadLoginTest extends SandboxTest {

    static final String WRONG = "Wrong-Passw0rd";

    public static class WrongPassword implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kubesphere.username", "admin", "kubesphere.password", WRONG);
        }
    }

    private long tokenRequests() {
        return sandbox.simulator().requests().stream().filter(r -> r.path().equals("/oauth/token")).count();
    }

    @Test
    void wrongPasswordThenBackOffThenLockout() throws Exception {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            CallToolResult first = mcp.call("list_clusters", Map.of());
            assertTrue(first.isError());
            assertThat(text(first), containsString("rejected the login of user 'admin'"));
            assertThat(text(first), containsString("KUBESPHERE_PASSWORD"));
            assertThat(text(first), not(containsString(WRONG)));
            assertEquals(1, tokenRequests());

            clock.advance(Duration.ofSeconds(29));
            CallToolResult second = mcp.call("list_clusters", Map.of());
            assertTrue(second.isError());
            assertThat(text(second), containsString("Not retried before"));
            assertEquals(1, tokenRequests(), "the back-off (30 s by default) sends no second login");

            // Someone else keeps failing too: KubeSphere locks the account (10 failures in 10 minutes).
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 9; i++) {
                http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/oauth/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=admin&password=x"
                                + "&client_id=kubesphere&client_secret=kubesphere")).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            clock.advance(Duration.ofSeconds(2)); // past the 30 s back-off, within the 10 min lockout window
            CallToolResult locked = mcp.call("list_clusters", Map.of());
            assertTrue(locked.isError());
            assertThat(text(locked), containsString("429"));
            assertThat(text(locked), containsString("rate limit"));
            assertThat(text(locked), not(containsString(WRONG)));
        }
    }
}
