package io.kubesphere.mcp.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Counting as the SDK's stdio transport reads and writes: only client requests and our answers to them count. */
class StdioTrafficTest {

    @Test
    void aRequestReadIsOutstandingUntilItsAnswerIsWritten() throws Exception {
        StdioTraffic traffic = new StdioTraffic(new JacksonMcpJsonMapper(new ObjectMapper()));
        McpSchema.deserializeJsonRpcMessage(traffic,
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\"}}");
        // Notifications and the client's answers to our own requests (elicitation) are not requests to answer.
        McpSchema.deserializeJsonRpcMessage(traffic, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        McpSchema.deserializeJsonRpcMessage(traffic, "{\"jsonrpc\":\"2.0\",\"id\":\"s-1\",\"result\":{}}");
        traffic.writeValueAsString(new McpSchema.JSONRPCRequest("2.0", "elicitation/create", "s-2", Map.of()));
        assertEquals(1, traffic.unanswered());
        assertFalse(traffic.awaitAnswered(Duration.ofMillis(30)));

        traffic.writeValueAsString(new McpSchema.JSONRPCResponse("2.0", 7, Map.of(), null));
        assertEquals(0, traffic.unanswered());
        assertTrue(traffic.awaitAnswered(Duration.ofMillis(30)));
    }
}
