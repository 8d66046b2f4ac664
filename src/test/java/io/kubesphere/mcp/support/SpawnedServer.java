package io.kubesphere.mcp.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The built artifact started over HTTP by a test itself (not by @QuarkusIntegrationTest), so that the test can choose
 * its heap, send it SIGTERM and read its audit file; with raw JSON-RPC helpers, no client SDK in between.
 */
public final class SpawnedServer implements AutoCloseable {

    public static final String ACCEPT = "application/json, text/event-stream";

    private final Process process;
    private final Path stderr;
    public final URI mcp;
    public final URI root;
    public final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private SpawnedServer(Process process, Path stderr, int port) {
        this.process = process;
        this.stderr = stderr;
        this.root = URI.create("http://127.0.0.1:" + port + "/");
        this.mcp = root.resolve("/mcp");
    }

    /** Starts the jar (JVM options first) with these environment variables over HTTP, and waits until it is live. */
    public static SpawnedServer start(List<String> jvmOptions, Map<String, String> env) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Artifact artifact = Artifact.built();
        List<String> command = new ArrayList<>(artifact.command());
        if (artifact.isJar()) {
            command.addAll(1, jvmOptions);
        }
        Path log = Files.createTempFile("spawned-server", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("KS_MCP_") || k.startsWith("KUBESPHERE_"));
        builder.environment().putAll(Map.of("KS_MCP_TRANSPORT", "http", "QUARKUS_HTTP_PORT", Integer.toString(port)));
        builder.environment().putAll(env);
        SpawnedServer server = new SpawnedServer(builder.start(), log, port);
        server.awaitLive();
        return server;
    }

    private void awaitLive() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server ended at start: " + log());
            }
            try {
                if (http.send(HttpRequest.newBuilder(root.resolve("/q/health/live")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the server did not come up within 60 s: " + log());
    }

    public Process process() {
        return process;
    }

    public String log() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    public HttpRequest.Builder post(String session, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(mcp).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", ACCEPT)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return session == null ? request : request.header("Mcp-Session-Id", session);
    }

    public static String initialize(String clientInfo, String capabilities) {
        return """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                 "capabilities":%s,"clientInfo":%s}}""".formatted(capabilities, clientInfo);
    }

    /** initialize + notifications/initialized; the new session's id. */
    public String session() throws Exception {
        HttpResponse<String> init = http.send(post(null, initialize("{\"name\":\"it\",\"version\":\"1\"}", "{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (init.statusCode() != 200) {
            throw new IllegalStateException("initialize: " + init.statusCode() + " " + init.body());
        }
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        http.send(post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").build(),
                HttpResponse.BodyHandlers.discarding());
        return session;
    }

    public static String toolCall(int id, String tool, String argumentsJson) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + argumentsJson + "}}";
    }

    public CompletableFuture<HttpResponse<String>> callAsync(String session, int id, String tool, String arguments) {
        return http.sendAsync(post(session, toolCall(id, tool, arguments)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(stderr);
    }
}
