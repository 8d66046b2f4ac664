package io.kubesphere.mcp.ops;

import io.kubesphere.mcp.support.SpawnedServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM turns readiness DOWN first, while the server still serves, so Kubernetes takes the pod out of its Service
 * before any request is turned away.
 */
class ReadinessOnShutdownIT {

    @Test
    void sigtermTurnsReadinessDownWhileTheServerStillAnswers() throws Exception {
        try (SpawnedServer server = SpawnedServer.start(List.of("-Dquarkus.shutdown.delay=6s"),
                Map.of("KS_MCP_SANDBOX", "true"))) {
            HttpRequest ready = HttpRequest.newBuilder(server.root.resolve("/q/health/ready")).GET().build();
            assertEquals(200, server.http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode());
            String session = server.session();

            server.process().destroy(); // SIGTERM
            int status = 200;
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (status == 200 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                status = server.http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode();
            }
            assertEquals(503, status, "readiness is DOWN during the shutdown delay");
            assertTrue(server.process().isAlive(), "the server is still up while readiness is DOWN");
            HttpResponse<String> call = server.callAsync(session, 7, "whoami", "{}").get();
            assertEquals(200, call.statusCode(), call.body());
            assertTrue(call.body().contains("\"isError\":false"), call.body());
        }
    }
}
