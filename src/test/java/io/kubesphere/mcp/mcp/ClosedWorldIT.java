package io.kubesphere.mcp.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubesphere.mcp.support.Artifact;
import io.kubesphere.mcp.support.ClosedWorldApp;
import io.kubesphere.mcp.support.McpTestClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kubesphere.mcp.support.McpTestClient.structured;
import static io.kubesphere.mcp.support.McpTestClient.text;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged jar in a closed world: the service files of the MCP SDK (its JSON mapper and schema validator) and of
 * the other libraries no Quarkus extension registers are gone, as they are for {@code ServiceLoader} in a native image.
 * The server must still start and serve on both transports. (A native build proves itself: skipped there.)
 */
class ClosedWorldIT {

    static ClosedWorldApp app;

    @BeforeAll
    static void closedWorld() throws Exception {
        Artifact artifact = Artifact.built();
        assumeTrue(artifact.isJar(), "the native executable is a closed world already");
        app = ClosedWorldApp.of(artifact.path().getParent(), Path.of("target", "closed-world", "quarkus-app"));
        // The copy must really lack the SDK's providers, or this test proves nothing.
        assertThat(app.removed(), hasItems(
                "io.modelcontextprotocol.sdk.mcp-json-jackson2-2.1.0.jar!/META-INF/services/io.modelcontextprotocol.json.McpJsonMapperSupplier",
                "io.modelcontextprotocol.sdk.mcp-json-jackson2-2.1.0.jar!/META-INF/services/io.modelcontextprotocol.json.schema.JsonSchemaValidatorSupplier"));
    }

    @Test
    void servesOverStdio() {
        List<String> cmd = Artifact.jar(app.runJar());
        ServerParameters server = ServerParameters.builder(cmd.get(0)).args(cmd.subList(1, cmd.size()))
                .addEnvVar("KS_MCP_SANDBOX", "true").addEnvVar("PATH", System.getenv("PATH")).build();
        StdioClientTransport transport = new StdioClientTransport(server, new JacksonMcpJsonMapper(new ObjectMapper()));
        transport.setStdErrorHandler(line -> { });
        try (McpTestClient mcp = McpTestClient.over(transport, null)) {
            servesTools(mcp);
        }
    }

    @Test
    void servesOverHttp() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        File log = File.createTempFile("closed-world-http", ".log");
        ProcessBuilder builder = new ProcessBuilder(Artifact.jar(app.runJar())).redirectErrorStream(true)
                .redirectOutput(log);
        builder.environment().putAll(Map.of("KS_MCP_SANDBOX", "true", "KS_MCP_TRANSPORT", "http",
                "QUARKUS_HTTP_PORT", String.valueOf(port)));
        Process process = builder.start();
        try {
            URI root = URI.create("http://127.0.0.1:" + port + "/");
            awaitLive(process, root, log.toPath());
            try (McpTestClient mcp = McpTestClient.http(root)) {
                servesTools(mcp);
            }
        } finally {
            process.destroy();
            assertTrue(process.waitFor(15, TimeUnit.SECONDS), "the server stops on SIGTERM");
        }
    }

    private static void servesTools(McpTestClient mcp) {
        assertThat(mcp.tools().stream().map(t -> t.name()).toList(), hasItem("whoami"));
        // whoami has an output schema: its structured content goes through the schema validator.
        CallToolResult whoami = mcp.call("whoami", Map.of());
        assertFalse(whoami.isError(), text(whoami));
        assertEquals("admin", structured(whoami).get("username"));
    }

    static void awaitLive(Process process, URI root, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("the server ended (status " + process.exitValue() + "): " + Files.readString(log));
            }
            try {
                HttpResponse<String> live = http.send(HttpRequest.newBuilder(root.resolve("/q/health/live")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (live.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        fail("the server did not answer /q/health/live within 60 s: " + Files.readString(log));
    }
}
