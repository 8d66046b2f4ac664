package io.kubesphere.mcp.support;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitFormRequest;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import org.junit.jupiter.api.Assertions;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The official MCP Java SDK client, as tests use it: the way an IDE or agent talks to this server.
 * Close it after use (try-with-resources).
 */
public final class McpTestClient implements AutoCloseable {

    private final McpSyncClient client;
    private final List<ProgressNotification> progress = new CopyOnWriteArrayList<>();
    private final List<ElicitFormRequest> elicitations = new CopyOnWriteArrayList<>();
    private final List<McpSchema.LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();

    private McpTestClient(McpClientTransport transport, Function<ElicitFormRequest, ElicitResult> elicitation) {
        McpClient.SyncSpec spec = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(60))
                .clientInfo(new McpSchema.Implementation("junit", "1.0"))
                .progressConsumer(progress::add)
                .loggingConsumer(logs::add);
        if (elicitation != null) {
            spec.capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
                    .elicitation(request -> {
                        elicitations.add(request);
                        return elicitation.apply(request);
                    });
        }
        this.client = spec.build();
        this.client.initialize();
    }

    /** A client over streamable HTTP to {@code base}/mcp, without elicitation support. */
    public static McpTestClient http(URI base) {
        return http(base, null);
    }

    /** A client over streamable HTTP that answers elicitations with {@code elicitation}. */
    public static McpTestClient http(URI base, Function<ElicitFormRequest, ElicitResult> elicitation) {
        String root = base.toString().replaceAll("/+$", "");
        return new McpTestClient(HttpClientStreamableHttpTransport.builder(root).endpoint("/mcp").build(), elicitation);
    }

    public static McpTestClient over(McpClientTransport transport, Function<ElicitFormRequest, ElicitResult> elicitation) {
        return new McpTestClient(transport, elicitation);
    }

    public McpSyncClient sdk() {
        return client;
    }

    public CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(new CallToolRequest(tool, arguments));
    }

    /** Calls with a progress token so the server may send progress notifications. */
    public CallToolResult callWithProgress(String tool, Map<String, Object> arguments, String progressToken) {
        return client.callTool(new CallToolRequest(tool, arguments, Map.of("progressToken", progressToken)));
    }

    public List<ProgressNotification> progress() {
        return progress;
    }

    /** notifications/message the server sent (the logging capability). */
    public List<McpSchema.LoggingMessageNotification> logs() {
        return logs;
    }

    public List<ElicitFormRequest> elicitations() {
        return elicitations;
    }

    public List<McpSchema.Tool> tools() {
        return client.listTools().tools();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> structured(CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }

    /** {@code result}, after asserting it is not an error (the message says which error it was). */
    public static CallToolResult ok(CallToolResult result) {
        Assertions.assertFalse(Boolean.TRUE.equals(result.isError()), () -> "unexpected error: " + text(result));
        return result;
    }

    public static String text(CallToolResult result) {
        return result.content().stream().filter(TextContent.class::isInstance).map(c -> ((TextContent) c).text())
                .findFirst().orElse("");
    }

    @Override
    public void close() {
        client.closeGracefully();
    }
}
