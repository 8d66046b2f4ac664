package io.kubesphere.mcp.mcp;

import io.kubesphere.mcp.support.McpTestClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The logging capability is real: a refusal reaches the client as notifications/message, at the level it set. */
@QuarkusTest
class ClientLogTest {

    @TestHTTPResource("/")
    URI root;

    /** An admin grant without a way to ask a person (no elicitation): refused by policy. */
    private static McpSchema.CallToolResult refusedGrant(McpTestClient mcp) {
        McpSchema.CallToolResult result = mcp.call("set_platform_role",
                Map.of("username", "stoneshi", "globalrole", "platform-admin"));
        assertTrue(result.isError(), McpTestClient.text(result));
        return result;
    }

    @Test
    void refusalsAreLoggedToTheClientAtItsLevel() throws Exception {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            mcp.sdk().setLoggingLevel(LoggingLevel.WARNING);
            refusedGrant(mcp);
            await().atMost(Duration.ofSeconds(10)).until(() -> !mcp.logs().isEmpty());
            McpSchema.LoggingMessageNotification log = mcp.logs().get(0);
            assertEquals(LoggingLevel.WARNING, log.level());
            assertEquals(ClientLog.LOGGER, log.logger());
            assertThat(log.data(), containsString("set_platform_role refused by policy"));

            mcp.logs().clear();
            mcp.sdk().setLoggingLevel(LoggingLevel.ERROR);
            refusedGrant(mcp);
            Thread.sleep(500);
            assertTrue(mcp.logs().isEmpty(), "below the client's level: " + mcp.logs());
        }
    }
}
