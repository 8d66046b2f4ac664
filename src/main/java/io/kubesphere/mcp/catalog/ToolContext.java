package io.kubesphere.mcp.catalog;

import io.kubesphere.mcp.kubesphere.KubeSphereSession;
import io.modelcontextprotocol.server.McpAsyncServerExchange;

/** What a handler may use: the KubeSphere session of this call and the MCP exchange (elicitation, progress). */
public record ToolContext(KubeSphereSession kubesphere, McpAsyncServerExchange exchange, Object progressToken) {
}
