package io.kubesphere.mcp.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubesphere.mcp.support.Artifact;
import io.kubesphere.mcp.support.McpTestClient;
import io.kubesphere.mcp.support.SandboxHttpProfile;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kubesphere.mcp.support.McpTestClient.structured;
import static io.kubesphere.mcp.support.McpTestClient.text;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built artifact (the jar here, the native executable under -Dnative), spawned the way an IDE spawns it and
 * spoken to over stdio. The server @QuarkusIntegrationTest launches (HTTP, shared with McpHttpIT) is not used here.
 */
@QuarkusIntegrationTest
@TestProfile(SandboxHttpProfile.class)
public class StdioIT {

    /** How the built artifact is started (CommandLineIT uses it too). */
    public static List<String> command() {
        return Artifact.built().command();
    }

    @Test
    void theOfficialClientTalksToTheJarOverStdio() {
        List<String> cmd = command();
        ServerParameters server = ServerParameters.builder(cmd.get(0)).args(cmd.subList(1, cmd.size()))
                .addEnvVar("KS_MCP_SANDBOX", "true").addEnvVar("PATH", System.getenv("PATH")).build();
        StdioClientTransport transport = new StdioClientTransport(server, new JacksonMcpJsonMapper(new ObjectMapper()));
        transport.setStdErrorHandler(line -> { }); // logs go to stderr by design
        try (McpTestClient mcp = McpTestClient.over(transport, null)) {
            assertThat(mcp.tools().stream().map(t -> t.name()).toList(),
                    hasItems("whoami", "list_clusters", "list_workspaces", "get_workspace"));
            CallToolResult whoami = mcp.call("whoami", Map.of());
            assertFalse(whoami.isError(), text(whoami));
            assertEquals("admin", structured(whoami).get("username"));
            CallToolResult bad = mcp.call("get_workspace", Map.of("workspace", "../etc"));
            assertTrue(bad.isError());
            CallToolResult write = mcp.call("create_project",
                    Map.of("cluster", "host", "workspace", "stone", "project", "stdio-it-project"));
            assertFalse(write.isError(), text(write));
            CallToolResult listed = mcp.call("list_projects",
                    Map.of("cluster", "host", "workspace", "stone", "name", "stdio-it-project"));
            assertEquals(1, structured(listed).get("total"), text(listed));

            // Waiting with progress notifications: a server-to-client message in the middle of a call.
            CallToolResult run = mcp.call("run_pipeline", Map.of("devops_project", "stone-devops", "pipeline", "build"));
            assertFalse(run.isError(), text(run));
            CallToolResult followed = mcp.callWithProgress("get_pipeline_run", Map.of("devops_project", "stone-devops",
                    "run", structured(run).get("name"), "wait_seconds", 30), "stdio-progress");
            assertFalse(followed.isError(), text(followed));
            assertEquals("Succeeded", structured(followed).get("phase"));
            assertFalse(mcp.progress().isEmpty(), "progress notifications arrive over stdio");
        }
    }

    @Test
    void anAdminGrantAsksThePersonOverStdio() {
        List<String> cmd = command();
        ServerParameters server = ServerParameters.builder(cmd.get(0)).args(cmd.subList(1, cmd.size()))
                .addEnvVar("KS_MCP_SANDBOX", "true").addEnvVar("PATH", System.getenv("PATH")).build();
        StdioClientTransport transport = new StdioClientTransport(server, new JacksonMcpJsonMapper(new ObjectMapper()));
        transport.setStdErrorHandler(line -> { });
        // Elicitation is a server-to-client request in the middle of a call: it must not deadlock the stdin reader.
        try (McpTestClient mcp = McpTestClient.over(transport,
                request -> new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("confirm", true)))) {
            CallToolResult granted = mcp.call("invite_workspace_member",
                    Map.of("workspace", "stone", "username", "demo-user", "role", "admin"));
            assertFalse(granted.isError(), text(granted));
            assertEquals(1, mcp.elicitations().size());
            assertTrue(mcp.elicitations().get(0).message().contains("demo-user"));
        }
    }

    /** The jar on the sandbox, its stderr (logs) sent where given. */
    static Process sandbox(ProcessBuilder.Redirect stderr) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command());
        builder.environment().put("KS_MCP_SANDBOX", "true");
        builder.redirectError(stderr);
        return builder.start();
    }

    @Test
    void stdoutCarriesOnlyJsonRpcAndTheProcessEndsWithStdin() throws Exception {
        Process process = sandbox(ProcessBuilder.Redirect.DISCARD);
        try (OutputStream in = process.getOutputStream()) {
            // 2024-11-05 predates streamable HTTP; over stdio it still negotiates.
            in.write(("""
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2024-11-05","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}
                    {"jsonrpc":"2.0","method":"notifications/initialized"}
                    {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list_clusters","arguments":{}}}
                    """).getBytes(StandardCharsets.UTF_8));
            in.flush();
            List<JsonNode> lines = new ArrayList<>();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            ObjectMapper json = new ObjectMapper();
            while (lines.size() < 2) {
                String line = out.readLine();
                if (line == null) {
                    break;
                }
                lines.add(json.readTree(line)); // anything but JSON-RPC on stdout fails here
            }
            assertEquals(2, lines.size());
            for (JsonNode line : lines) {
                assertEquals("2.0", line.path("jsonrpc").asText());
            }
            assertEquals("2024-11-05", lines.get(0).path("result").path("protocolVersion").asText());
            assertFalse(lines.get(1).path("result").path("isError").asBoolean(true), lines.get(1).toString());
        }
        // stdin is closed now: the server must exit on its own, cleanly.
        assertTrue(process.waitFor(15, TimeUnit.SECONDS), "the server exits when stdin closes");
        assertEquals(0, process.exitValue());
    }

    @Test
    void malformedToolCallParamsAreAnsweredOverStdio() throws Exception {
        // The SDK threw on these outside its error handling: no answer at all, the client waited for its timeout.
        Process process = sandbox(ProcessBuilder.Redirect.DISCARD);
        try (OutputStream in = process.getOutputStream()) {
            in.write(("""
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}
                    {"jsonrpc":"2.0","method":"notifications/initialized"}
                    {"jsonrpc":"2.0","id":2,"method":"tools/call","params":"whoami"}
                    {"jsonrpc":"2.0","id":3,"method":"tools/call","params":["whoami"]}
                    {"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"whoami","arguments":"x"}}
                    {"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"whoami","arguments":[]}}
                    """).getBytes(StandardCharsets.UTF_8));
        }
        List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> errors = new ArrayList<>();
        for (String line : lines) {
            JsonNode answer = json.readTree(line);
            if (answer.path("id").asInt() > 1) {
                errors.add(answer);
            }
        }
        assertEquals(List.of(2, 3, 4, 5), errors.stream().map(a -> a.path("id").asInt()).sorted().toList(), lines.toString());
        for (JsonNode error : errors) {
            assertEquals(-32602, error.path("error").path("code").asInt(), error.toString());
            assertTrue(error.path("error").path("message").asText().startsWith("Invalid params for tools/call"),
                    error.toString());
        }
    }

    @Test
    void callsInFlightWhenStdinClosesAreFinishedAnsweredAndAudited() throws Exception {
        File stderr = File.createTempFile("stdio-it", ".log");
        Process process = sandbox(ProcessBuilder.Redirect.to(stderr));
        // Everything at once, then EOF: the calls are still queued or running when stdin ends.
        try (OutputStream in = process.getOutputStream()) {
            in.write(("""
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}
                    {"jsonrpc":"2.0","method":"notifications/initialized"}
                    {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list_workspaces","arguments":{}}}
                    {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"create_workspace","arguments":{"workspace":"eof-ws","clusters":["host"]}}}
                    """).getBytes(StandardCharsets.UTF_8));
        }
        List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the server exits when stdin closes");
        assertEquals(0, process.exitValue());
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> answers = new ArrayList<>();
        for (String line : lines) {
            answers.add(json.readTree(line));
        }
        assertEquals(List.of(1, 2, 3), answers.stream().map(a -> a.path("id").asInt()).sorted().toList(), lines.toString());
        for (JsonNode answer : answers) {
            assertFalse(answer.path("result").path("isError").asBoolean(false), answer.toString());
        }
        String log = java.nio.file.Files.readString(stderr.toPath());
        assertTrue(log.contains("\"tool\":\"create_workspace\"") && log.contains("\"outcome\":\"ok\""), log);
        assertFalse(log.contains("ArC container not initialized"), log);
    }

    @Test
    void theJvmsOwnOutOfMemoryMessageNeverReachesStdout() throws Exception {
        // -XX:+ExitOnOutOfMemoryError prints "Terminating due to java.lang.OutOfMemoryError" through the JVM's own
        // output stream, stdout unless told otherwise: on stdio that line broke the protocol stream.
        org.junit.jupiter.api.Assumptions.assumeTrue(io.kubesphere.mcp.support.Artifact.built().isJar(),
                "a JVM flag: the native executable has no -XX:+ExitOnOutOfMemoryError of this kind");
        String javaBin = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder builder = new ProcessBuilder("bin/kubesphere-mcp");
        builder.environment().put("JAVA", javaBin);
        builder.environment().put("JAVA_OPTS", "-Xmx32m -XX:+ExitOnOutOfMemoryError");
        builder.environment().put("KS_MCP_SANDBOX", "true");
        File stderr = File.createTempFile("stdio-oom", ".log");
        builder.redirectError(stderr);
        Process process = builder.start();
        java.util.concurrent.CompletableFuture<byte[]> stdout = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return process.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try (OutputStream in = process.getOutputStream()) {
            in.write(("""
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}
                    {"jsonrpc":"2.0","method":"notifications/initialized"}
                    """).getBytes(StandardCharsets.UTF_8));
            in.flush();
            // One line of 15 MB (the SDK's limit is 16 M characters): reading it runs a 32 MB heap out of memory.
            byte[] chunk = "a".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
            in.write("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\",\"params\":{\"x\":\"".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 15 && process.isAlive(); i++) {
                in.write(chunk);
            }
            in.flush();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the JVM exits on OutOfMemoryError");
        } catch (IOException expected) {
            // the server died while we wrote: that is the point
        } finally {
            process.destroyForcibly();
        }
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        assertEquals(3, process.exitValue());
        String log = java.nio.file.Files.readString(stderr.toPath());
        assertTrue(log.contains("Terminating due to java.lang.OutOfMemoryError"), log);
        ObjectMapper json = new ObjectMapper();
        for (String line : new String(stdout.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8).lines().toList()) {
            assertEquals("2.0", json.readTree(line).path("jsonrpc").asText(), "stdout carries JSON-RPC only: " + line);
        }
    }

    @Test
    void withoutHostOrSandboxTheServerRefusesToStart() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command());
        builder.environment().remove("KS_MCP_SANDBOX");
        builder.environment().remove("KUBESPHERE_HOST");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(15, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue());
        assertTrue(output.contains("KUBESPHERE_HOST") && output.contains("KS_MCP_SANDBOX"), output);
    }
}
