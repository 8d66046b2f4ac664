package io.kubesphere.mcp.auth;

import io.kubesphere.mcp.config.ServerConfig;
import io.kubesphere.mcp.kubesphere.Credentials;
import io.kubesphere.mcp.kubesphere.ServerCredentials;
import io.kubesphere.mcp.kubesphere.StaticTokenCredentials;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Whose KubeSphere identity one tool call uses. KS_MCP_AUTH=server: the server's own credentials. passthrough: the
 * bearer token of the very HTTP request that carried the tools/call, which {@link PassthroughGate} checked and put into
 * the request; it travels in that request's MCP transport context only, so no session or call sees another's token.
 */
@ApplicationScoped
public class CallerCredentials {

    /** Request attribute set by the gate (passthrough only), read by {@link #context(HttpServletRequest)}. */
    static final String REQUEST_ATTRIBUTE = CallerCredentials.class.getName() + ".token";
    static final String CONTEXT_KEY = "ks.mcp.caller.token";

    private final boolean passthrough;
    private final ServerCredentials server;

    public CallerCredentials(ServerConfig config, ServerCredentials server) {
        this.passthrough = config.auth() == ServerConfig.Auth.passthrough;
        this.server = server;
    }

    /** The SDK's context extractor: the token the gate accepted, or nothing (server mode ignores the header). */
    public static McpTransportContext context(HttpServletRequest request) {
        return request.getAttribute(REQUEST_ATTRIBUTE) instanceof String token
                ? McpTransportContext.create(Map.of(CONTEXT_KEY, token))
                : McpTransportContext.EMPTY;
    }

    public Credentials forCall(McpAsyncServerExchange exchange) {
        if (!passthrough) {
            return server.get();
        }
        McpTransportContext context = exchange == null ? null : exchange.transportContext();
        if (context != null && context.get(CONTEXT_KEY) instanceof String token) {
            return new StaticTokenCredentials(token, "bearer token of this MCP request");
        }
        // Never fall back to any other identity.
        return NO_CALLER;
    }

    /**
     * A key for what this caller may see, for caches of KubeSphere answers: "server" for the server's own identity,
     * a SHA-256 of the caller's token in passthrough mode (never the token itself), empty when there is no caller.
     */
    public Optional<String> identity(McpAsyncServerExchange exchange) {
        if (!passthrough) {
            return Optional.of("server");
        }
        McpTransportContext context = exchange == null ? null : exchange.transportContext();
        if (context != null && context.get(CONTEXT_KEY) instanceof String token) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
                return Optional.of("caller:" + HexFormat.of().formatHex(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }
        return Optional.empty();
    }

    private static final Credentials NO_CALLER = Credentials.refusing(
            "This request carried no caller token (KS_MCP_AUTH=passthrough): send Authorization: Bearer "
                    + "<KubeSphere token> with every MCP request.");
}
