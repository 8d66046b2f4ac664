package io.kubesphere.mcp.support;

import io.kubesphere.mcp.sandbox.KubeSphereSimulator;
import io.kubesphere.mcp.sandbox.Sandbox;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

import java.net.URI;
import java.util.Map;

/**
 * What every @QuarkusTest on the sandbox shares: the server's URL, the simulator with an empty request record before
 * each test, the server's clock to move, and MCP clients over streamable HTTP.
 */
public abstract class SandboxTest {

    @TestHTTPResource("/")
    protected URI root;

    @Inject
    protected Sandbox sandbox;

    @Inject
    protected TestClock clock;

    @BeforeEach
    void clearRecordedRequests() {
        sandbox.simulator().clearRequests();
    }

    protected KubeSphereSimulator sim() {
        return sandbox.simulator();
    }

    /** A new MCP client session as the server's own identity; close it (try-with-resources). */
    protected McpTestClient mcp() {
        return McpTestClient.http(root);
    }

    /** One tool call in a session of its own, as the server's own identity. */
    protected CallToolResult call(String tool, Map<String, Object> args) {
        try (McpTestClient mcp = mcp()) {
            return mcp.call(tool, args);
        }
    }
}
