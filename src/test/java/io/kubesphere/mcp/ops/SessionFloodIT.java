package io.kubesphere.mcp.ops;

import io.kubesphere.mcp.support.SpawnedServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 80 initialize requests of ~4 MB each (in clientInfo and capabilities), without credentials, against a 256 MB heap:
 * each is refused or kept small, the server stays up and answers a tool call afterwards.
 */
class SessionFloodIT {

    @Test
    void hugeInitializeRequestsCannotExhaustTheHeap() throws Exception {
        try (SpawnedServer server = SpawnedServer.start(List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"),
                Map.of("KS_MCP_SANDBOX", "true"))) {
            String big = "x".repeat(2 * 1024 * 1024 - 200);
            String body = SpawnedServer.initialize("{\"name\":\"" + big + "\",\"version\":\"1\"}",
                    "{\"experimental\":{\"blob\":\"" + big + "\"}}");
            List<String> statuses = new ArrayList<>();
            for (int wave = 0; wave < 20; wave++) {
                List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    sent.add(server.http.sendAsync(server.post(null, body).build(), HttpResponse.BodyHandlers.ofString()));
                }
                for (CompletableFuture<HttpResponse<String>> response : sent) {
                    try {
                        HttpResponse<String> answer = response.get(60, TimeUnit.SECONDS);
                        statuses.add(Integer.toString(answer.statusCode()));
                        if (answer.statusCode() != 200) {
                            assertTrue(answer.body().contains("\"error\""), "a JSON-RPC error: " + answer.body());
                        }
                    } catch (Exception e) {
                        statuses.add("failed: " + e);
                    }
                }
            }
            assertTrue(server.process().isAlive(), "alive after 80 huge initialize requests: " + server.log());
            String session = server.session();
            HttpResponse<String> who = server.callAsync(session, 2, "whoami", "{}").get(30, TimeUnit.SECONDS);
            assertTrue(who.body().contains("\"isError\":false"), who.body());
            assertFalse(server.log().contains("OutOfMemoryError"), server.log());
            assertFalse(statuses.stream().anyMatch(s -> s.startsWith("failed")), "every request answered: " + statuses);
        }
    }
}
