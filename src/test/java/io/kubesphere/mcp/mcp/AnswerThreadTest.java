package io.kubesphere.mcp.mcp;

import io.kubesphere.mcp.catalog.ToolCatalog;
import io.kubesphere.mcp.catalog.ToolDefinition;
import io.kubesphere.mcp.support.SandboxTest;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Where a tools/call answer is handed to the SDK, which writes it with blocking I/O: on the servlet thread that the SDK
 * blocks for the POST anyway (no hand-off), elsewhere on an answer thread, never on the event loop that settled it.
 */
@QuarkusTest
class AnswerThreadTest extends SandboxTest {

    @Inject
    ToolInvoker invoker;

    @Inject
    ToolCatalog catalog;

    @Test
    void aCallServedForTheServletIsAnsweredOnItsThread() {
        AtomicReference<Thread> answeredOn = new AtomicReference<>();
        CallToolResult result;
        try (var here = ToolInvoker.answeringHere()) {
            result = getWorkspace(answeredOn);
        }
        assertFalse(result.isError(), result.toString());
        assertSame(Thread.currentThread(), answeredOn.get());
    }

    @Test
    void anyOtherCallIsAnsweredOnAnAnswerThread() {
        AtomicReference<Thread> answeredOn = new AtomicReference<>();
        CallToolResult result = getWorkspace(answeredOn);
        assertFalse(result.isError(), result.toString());
        assertEquals("ks-mcp-answer", answeredOn.get().getName());
    }

    private CallToolResult getWorkspace(AtomicReference<Thread> answeredOn) {
        ToolDefinition<?, ?> tool = catalog.find("get_workspace").orElseThrow();
        CallToolRequest request = new CallToolRequest(tool.name(), Map.of("workspace", "stone"));
        return invoker.invoke(tool, null, request)
                .invoke(() -> answeredOn.set(Thread.currentThread()))
                .await().indefinitely();
    }
}
