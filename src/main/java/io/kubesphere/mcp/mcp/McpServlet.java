package io.kubesphere.mcp.mcp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.auth.PassthroughGate;
import io.kubesphere.mcp.config.Jackson;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * /mcp: hands requests to the SDK's streamable-HTTP transport, with repairs: a body that is not JSON gets the
 * JSON-RPC parse error (-32700); a request without a session id gets a 400 that says to initialize (the SDK says
 * -32601 "method not found"), one with an unknown or expired session id a 404 that says the same (the SDK sends a bare
 * 404 or an "internal error"); and an event stream opened by GET gets its headers at once (Undertow would hold them
 * until the first event).
 */
@WebServlet(urlPatterns = "/mcp", asyncSupported = true, loadOnStartup = 1)
public class McpServlet extends HttpServlet {

    private static final ObjectMapper JSON = Jackson.plain();
    private static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String NO_SESSION = "Missing Mcp-Session-Id header: send initialize first (without the header), "
            + "then send the Mcp-Session-Id of its response with every later request.";
    static final String UNKNOWN_SESSION = "Unknown MCP session (it ended, or the server instance that held it is "
            + "gone). Start a new session: send initialize without an Mcp-Session-Id header.";

    private final McpServerRuntime runtime;
    private final PassthroughGate gate;
    private final HttpLimits limits;
    private final Sessions sessions;

    /** Beans are proxies here: the servlet is built before the configuration is read, so nothing is called yet. */
    public McpServlet(McpServerRuntime runtime, PassthroughGate gate, HttpLimits limits, Sessions sessions) {
        this.runtime = runtime;
        this.gate = gate;
        this.limits = limits;
        this.sessions = sessions;
    }

    @Override
    protected void service(HttpServletRequest original, HttpServletResponse raw) throws ServletException, IOException {
        try {
            serve(original, raw);
        } finally {
            // The SDK answers a call before it returns here: the request's place goes to the next one waiting.
            limits.done(original.getHeader(HttpLimits.SLOT_HEADER));
        }
    }

    private void serve(HttpServletRequest original, HttpServletResponse raw) throws ServletException, IOException {
        HttpServletRequest request = original.getHeader("Host") == null ? new WithHost(original) : original;
        HttpServletStreamableServerTransportProvider transport = runtime.httpTransport();
        if (transport == null) {
            raw.sendError(404, "MCP over HTTP is off: start the server with KS_MCP_TRANSPORT=http");
            return;
        }
        // KS_MCP_AUTH=passthrough: 401/403/404 for the caller's token and session before the SDK sees the request.
        HttpServletResponse response = gate.admit(request, raw);
        if (response == null) {
            return;
        }
        String session = request.getHeader(SESSION_HEADER);
        boolean hasSession = session != null && !session.isBlank();
        if (hasSession && sessions.touch(session) == null) {
            // Ended (idle, deleted) or never opened here: the client initializes again.
            rpcError(response, 404, -32001, UNKNOWN_SESSION);
            return;
        }
        HttpServletResponse answer = hasSession ? new SessionGone(response) : response;
        switch (request.getMethod()) {
            case "POST" -> {
                // HttpLimits has read and bounded the body already; this is the servlet's own guard.
                int maxBody = (int) Math.min(Integer.MAX_VALUE - 1, limits.maxBody());
                byte[] body = request.getInputStream().readNBytes(maxBody + 1);
                if (body.length > maxBody) {
                    rpcError(response, 413, -32600, "Request body too large (KS_MCP_HTTP_MAX_REQUEST_SIZE)");
                    return;
                }
                try {
                    checkJson(body);
                } catch (IOException e) {
                    rpcError(response, 400, -32700, "Parse error: the request body is not valid JSON");
                    return;
                }
                if (!hasSession) {
                    JsonNode message = JSON.readTree(body);
                    if (message.isObject() && !"initialize".equals(message.path("method").asText())) {
                        rpcError(response, 400, message.get("id"), -32000, NO_SESSION);
                        return;
                    }
                    if (message.isObject()) {
                        initialize(request, response, message);
                        return;
                    }
                }
                try (var here = ToolInvoker.answeringHere()) {
                    transport.service(new BufferedBody(request, body), answer);
                }
            }
            case "GET", "DELETE" -> {
                if (!hasSession) {
                    rpcError(response, 400, -32000, NO_SESSION);
                } else if ("GET".equals(request.getMethod())) {
                    transport.service(new FlushOnStream(request, answer), answer);
                } else {
                    transport.service(request, answer);
                    sessions.remove(session);
                }
            }
            default -> transport.service(request, response);
        }
    }

    /**
     * A new session: within the session limits (503 over all callers, 429 for one caller in passthrough), and with
     * what it keeps of clientInfo and capabilities bounded.
     */
    private void initialize(HttpServletRequest request, HttpServletResponse response, JsonNode message)
            throws ServletException, IOException {
        Object caller = request.getAttribute(PassthroughGate.CALLER_ATTRIBUTE);
        String owner = caller == null ? "" : caller.toString();
        var refused = sessions.reserve(owner, caller != null);
        if (refused.isPresent()) {
            rpcError(response, refused.get().contains("per caller") ? 429 : 503, message.get("id"), -32000, refused.get());
            return;
        }
        Sessions.trimInitialize(message);
        String[] assigned = new String[1];
        HttpServletResponse learn = new HttpServletResponseWrapper(response) {
            @Override
            public void setHeader(String name, String value) {
                seen(name, value);
                super.setHeader(name, value);
            }

            @Override
            public void addHeader(String name, String value) {
                seen(name, value);
                super.addHeader(name, value);
            }

            private void seen(String name, String value) {
                if (SESSION_HEADER.equalsIgnoreCase(name) && value != null && !value.isBlank() && assigned[0] == null) {
                    assigned[0] = value;
                    sessions.bind(value, owner);
                }
            }
        };
        try {
            runtime.httpTransport().service(new BufferedBody(request, JSON.writeValueAsBytes(message)), learn);
        } finally {
            if (assigned[0] == null) {
                sessions.cancel(owner);
            }
        }
    }

    /** Tokenises the body without building a tree: the SDK parses it once more, for real. */
    private static void checkJson(byte[] body) throws IOException {
        try (JsonParser parser = JSON.getFactory().createParser(body)) {
            if (parser.nextToken() == null) {
                throw new IOException("empty body");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new IOException("trailing content");
            }
        }
    }

    private static void rpcError(HttpServletResponse response, int status, int code, String message) throws IOException {
        rpcError(response, status, null, code, message);
    }

    /** A JSON-RPC error answering the request with this id (null when there is none to answer). */
    private static void rpcError(HttpServletResponse response, int status, JsonNode id, int code, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(errorBody(id, code, message));
    }

    private static String errorBody(JsonNode id, int code, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("jsonrpc", "2.0");
        body.set("id", id != null && (id.isTextual() || id.isNumber()) ? id : NullNode.getInstance());
        body.putObject("error").put("code", code).put("message", message);
        return JSON.writeValueAsString(body);
    }

    /**
     * A 404 from the SDK means the session id is unknown (ended, or held by another instance): GET and DELETE get a
     * bare 404, POST an "internal error". Every one gets the same JSON-RPC error instead (-32001, as the TypeScript SDK
     * answers), saying to initialize again; what the SDK would have written after it is dropped.
     */
    private static final class SessionGone extends HttpServletResponseWrapper {
        private boolean gone;
        private PrintWriter discard;

        SessionGone(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status) throws IOException {
            sendError(status, null);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            if (status != 404) {
                super.sendError(status, message);
                return;
            }
            setStatus(404);
            getWriter().flush();
        }

        @Override
        public void setStatus(int status) {
            super.setStatus(status);
            gone |= status == 404;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (!gone) {
                return super.getWriter();
            }
            if (discard == null) {
                super.setContentType("application/json");
                super.setCharacterEncoding("UTF-8");
                PrintWriter real = super.getWriter();
                real.write(errorBody(null, -32001, UNKNOWN_SESSION));
                real.flush();
                discard = new PrintWriter(Writer.nullWriter());
            }
            return discard;
        }
    }

    /**
     * After an h2c upgrade the authority arrives as HTTP/2 {@code :authority}, not as a Host header, and the SDK's
     * DNS-rebinding check would refuse every such request; give it the authority the client sent.
     */
    private static final class WithHost extends HttpServletRequestWrapper {
        private final String host;

        WithHost(HttpServletRequest request) {
            super(request);
            this.host = request.getServerName() + ":" + request.getServerPort();
        }

        @Override
        public String getHeader(String name) {
            return "host".equalsIgnoreCase(name) ? host : super.getHeader(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaders(String name) {
            return "host".equalsIgnoreCase(name) ? java.util.Collections.enumeration(java.util.List.of(host))
                    : super.getHeaders(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaderNames() {
            java.util.List<String> names = java.util.Collections.list(super.getHeaderNames());
            names.add("Host");
            return java.util.Collections.enumeration(names);
        }
    }

    /** The request again, its body already read once to check it is JSON. */
    private static final class BufferedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        }
    }

    /** Writes an SSE comment as soon as the GET stream goes async, so the client sees the headers immediately. */
    private static final class FlushOnStream extends HttpServletRequestWrapper {
        private final HttpServletResponse response;

        FlushOnStream(HttpServletRequest request, HttpServletResponse response) {
            super(request);
            this.response = response;
        }

        @Override
        public AsyncContext startAsync() {
            AsyncContext context = super.startAsync();
            try {
                response.getWriter().write(": stream open\n\n");
                response.getWriter().flush();
            } catch (IOException e) {
                context.complete();
            }
            return context;
        }
    }
}
