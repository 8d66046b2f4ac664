package io.kubesphere.mcp.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.config.Jackson;
import io.kubesphere.mcp.config.ServerConfig;
import io.kubesphere.mcp.kubesphere.KubeSphereEndpoint;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * OAuth 2.0 Protected Resource Metadata (RFC 9728) for /mcp in passthrough mode: the resource is this server's /mcp
 * and its authorization server is KubeSphere, whose tokens callers bring. Served at the root well-known path (named in
 * the 401's WWW-Authenticate) and at the path-suffixed form that MCP clients also try. 404 in server mode.
 */
@WebServlet(urlPatterns = {PassthroughGate.METADATA_PATH, PassthroughGate.METADATA_PATH + "/mcp"})
public class ProtectedResourceMetadataServlet extends HttpServlet {

    private static final ObjectMapper JSON = Jackson.plain();

    private final PassthroughGate gate;
    private final KubeSphereEndpoint endpoint;

    public ProtectedResourceMetadataServlet(PassthroughGate gate, KubeSphereEndpoint endpoint) {
        this.gate = gate;
        this.endpoint = endpoint;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!gate.enabled()) {
            response.sendError(404, "No protected-resource metadata: this server uses its own credentials "
                    + "(KS_MCP_AUTH=server)");
            return;
        }
        ObjectNode metadata = JSON.createObjectNode();
        metadata.put("resource", PassthroughGate.base(request) + "/mcp");
        metadata.putArray("authorization_servers").add(endpoint.baseUrl());
        metadata.putArray("bearer_methods_supported").add("header");
        metadata.put("resource_name", ServerConfig.SERVER_NAME);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "max-age=300");
        // Browser-based MCP clients read this document cross-origin; it is public by design.
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.getWriter().write(JSON.writeValueAsString(metadata));
    }
}
