package io.kubesphere.mcp.catalog;

import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.smallrye.mutiny.Uni;

import java.util.Map;

/**
 * Runs a read tool for the server itself (completions, resources) as the caller of an MCP exchange, with the checks of
 * tools/call. Declared here so that the guide depends on the catalog, not on the MCP layer that implements it.
 */
public interface ToolReader {

    /** The tool's output as JSON values; fails with the ToolError or KubeSphereError a tools/call would report. */
    <I, O> Uni<Map<String, Object>> read(ToolDefinition<I, O> tool, McpAsyncServerExchange exchange,
            Map<String, Object> arguments);
}
