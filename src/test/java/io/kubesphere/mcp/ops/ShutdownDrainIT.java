package io.kubesphere.mcp.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubesphere.mcp.sandbox.KubeSphereSimulator;
import io.kubesphere.mcp.sandbox.RecordedRequest;
import io.kubesphere.mcp.support.SpawnedServer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM in the middle of 200 concurrent writes: every write KubeSphere applied is audited, and either answered or
 * audited as interrupted; the server exits within its grace period. KubeSphere is the simulator in this JVM, so what it
 * applied is known after the server is gone; it answers each write 1.5 s after applying it, so that some calls are
 * still in flight when the grace period ends.
 */
class ShutdownDrainIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CALLS = 200;
    private static final Duration GRACE = Duration.ofSeconds(4);
    private static final Duration DELAY = Duration.ofSeconds(1);

    @Test
    void sigtermDuringABurstOfWritesAuditsAndAnswersEveryCall() throws Exception {
        Vertx vertx = Vertx.vertx();
        KubeSphereSimulator sim = KubeSphereSimulator.withDemoData();
        sim.start(vertx).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Path audit = Files.createTempDirectory("drain").resolve("audit.log");
        try (SpawnedServer server = SpawnedServer.start(List.of("-Xmx256m", "-Dquarkus.shutdown.delay=" + DELAY.toSeconds() + "s"), Map.of(
                "KUBESPHERE_HOST", sim.baseUrl(), "KUBESPHERE_USERNAME", "admin",
                "KUBESPHERE_PASSWORD", KubeSphereSimulator.demoPassword("admin"),
                "KS_MCP_AUDIT_LOG", audit.toString(), "KS_MCP_SHUTDOWN_GRACE", GRACE.toSeconds() + "s"))) {
            List<String> sessions = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                sessions.add(server.session());
            }
            HttpResponse<String> login = server.callAsync(sessions.get(0), 2, "whoami", "{}").get(30, TimeUnit.SECONDS);
            assertTrue(login.body().contains("\"isError\":false"), login.body());

            sim.setResponseDelay(Duration.ofMillis(1500));
            Map<String, CompletableFuture<HttpResponse<String>>> calls = new HashMap<>();
            for (int i = 0; i < CALLS; i++) {
                String workspace = "drain-%03d".formatted(i);
                calls.put(workspace, server.callAsync(sessions.get(i % sessions.size()), 100 + i, "create_workspace",
                        "{\"workspace\":\"" + workspace + "\",\"clusters\":[\"host\"]}"));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (applied(sim).size() < 40 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(applied(sim).size() >= 40, "writes reached KubeSphere before SIGTERM");

            long signalled = System.nanoTime();
            server.process().destroy(); // SIGTERM
            assertTrue(server.process().waitFor(GRACE.toSeconds() + 15, TimeUnit.SECONDS), "the server exits");
            long tookMillis = (System.nanoTime() - signalled) / 1_000_000;

            Map<String, String> answers = new HashMap<>();
            for (var call : calls.entrySet()) {
                answers.put(call.getKey(), answer(call.getValue()));
            }
            Map<String, String> audited = new HashMap<>();
            assertTrue(Files.exists(audit), "the audit file exists: " + server.log());
            for (String line : Files.readAllLines(audit)) {
                JsonNode entry = JSON.readTree(line);
                if ("create_workspace".equals(entry.path("tool").asText())) {
                    String previous = audited.put(entry.path("arguments").path("workspace").asText(),
                            entry.path("outcome").asText());
                    assertEquals(null, previous, "one audit line per call: " + line);
                }
            }

            Set<String> applied = applied(sim);
            Files.writeString(Path.of("target", "shutdown-drain-server.log"), server.log());
            System.err.println("answers: " + answers.values().stream().map(a -> a.length() > 60 ? a.substring(0, 60) : a)
                    .collect(Collectors.groupingBy(a -> a, Collectors.counting())) + "; audited: "
                    + audited.values().stream().collect(Collectors.groupingBy(a -> a, Collectors.counting()))
                    + "; applied " + applied.size() + "; exit after " + tookMillis + " ms");
            for (String workspace : applied) {
                String outcome = audited.get(workspace);
                assertNotNull(outcome, workspace + " was created in KubeSphere but not audited; answer: "
                        + answers.get(workspace) + "\n" + server.log());
                if (!"interrupted".equals(outcome)) {
                    assertEquals("ok", outcome, workspace);
                    assertEquals("ok", answers.get(workspace), workspace + " audited ok, so its client got the result");
                }
            }
            for (var answer : answers.entrySet()) {
                String workspace = answer.getKey();
                switch (answer.getValue()) {
                    // Turned away at the door while the server drained: nothing started, nothing to audit.
                    case "unavailable" -> assertTrue(!applied.contains(workspace)
                                    && List.of("refused", "none").contains(audited.getOrDefault(workspace, "none")),
                            workspace + " was refused as the server stopped, yet it started: " + audited.get(workspace));
                    case "ok" -> assertEquals("ok", audited.get(workspace), workspace + " answered ok, audited so");
                    case "interrupted" -> assertEquals("interrupted", audited.get(workspace), workspace);
                    default -> assertEquals("interrupted", audited.get(workspace),
                            workspace + " got no answer (" + answer.getValue() + "), so it must be audited as interrupted");
                }
            }
            long okCount = answers.values().stream().filter("ok"::equals).count();
            assertTrue(okCount >= 40, "the calls in flight at SIGTERM were finished: " + answers.values().stream()
                    .collect(Collectors.groupingBy(a -> a, Collectors.counting())));
            assertTrue(tookMillis < DELAY.plus(GRACE).toMillis() + 4000, "exit within the grace period, took " + tookMillis + " ms");
        } finally {
            sim.stop();
            vertx.close();
        }
    }

    /** Names of the workspaces the simulator created (it applies a write, then waits before answering). */
    private static Set<String> applied(KubeSphereSimulator sim) {
        return sim.requests().stream()
                .filter(r -> "POST".equals(r.method()) && r.path().endsWith("/workspacetemplates") && r.status() / 100 == 2)
                .map(ShutdownDrainIT::name).collect(Collectors.toSet());
    }

    private static String name(RecordedRequest request) {
        try {
            return JSON.readTree(request.body()).path("metadata").path("name").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** ok, interrupted (the server's own answer), unavailable (refused: 503 while draining, 429), or how it failed. */
    private static String answer(CompletableFuture<HttpResponse<String>> call) {
        try {
            HttpResponse<String> response = call.get(10, TimeUnit.SECONDS);
            String body = response.body();
            if (response.statusCode() == 503 || response.statusCode() == 429 || body.contains("shutting down")) {
                return "unavailable";
            }
            if (body.contains("\"isError\":false")) {
                return "ok";
            }
            if (body.contains("interrupted")) {
                return "interrupted";
            }
            return "status " + response.statusCode() + ": " + body;
        } catch (Exception e) {
            return "transport error: " + e;
        }
    }
}
