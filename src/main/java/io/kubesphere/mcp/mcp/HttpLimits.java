package io.kubesphere.mcp.mcp;

import io.kubesphere.mcp.config.ConfigCheck;
import io.kubesphere.mcp.config.ServerConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds on /mcp before a request reaches the servlet, on the Vert.x event loop where waiting costs no thread:
 * <ul>
 * <li>the body is read here, in full, within KS_MCP_HTTP_READ_TIMEOUT of the headers (else 408) and up to
 * KS_MCP_HTTP_MAX_REQUEST_SIZE (else 413); only a complete request gets a worker thread, so slow senders hold none;</li>
 * <li>at most KS_MCP_HTTP_MAX_REQUESTS_PER_CLIENT requests in progress per client address (else 429);</li>
 * <li>the SDK's servlet transport holds a worker thread for each call until it is answered, so at most
 * {@code max-threads - RESERVED} calls are handed to the servlet at once; the others wait here (at most
 * {@link #MAX_WAITING}, else 503), and health probes and metrics always find a free worker;</li>
 * <li>at most {@link #MAX_HELD_BYTES} of request bodies are held at once (else 503), whoever sends them.</li>
 * </ul>
 * GET (the event stream) carries no body and passes straight through.
 */
@ApplicationScoped
public class HttpLimits {

    static final int RESERVED = 40;
    static final int MAX_WAITING = 1000;
    /** Request bodies held at once (being read, waiting or being served), over all clients. */
    static final long MAX_HELD_BYTES = 64L * 1024 * 1024;
    /** Set here on a request handed to the servlet, which gives it back through {@link #done}. */
    static final String SLOT_HEADER = "X-Ks-Mcp-Slot";

    private final long maxBody;
    private final long readTimeoutMillis;
    private final int perClient;
    private final int maxDispatched;
    private final Map<String, AtomicInteger> clients = new ConcurrentHashMap<>();
    private final Deque<Waiting> waiting = new ArrayDeque<>();
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
    private int dispatched;

    /** What a request holds until it is done: a place of its client, and its body's bytes. */
    private record Ticket(String client, int bytes) {
    }

    private record Waiting(RoutingContext ctx, Context context, Ticket ticket) {
    }

    public HttpLimits(ServerConfig config,
            @ConfigProperty(name = "quarkus.thread-pool.max-threads", defaultValue = "200") int workerThreads) {
        this.maxBody = ConfigCheck.bytes(config.http().maxRequestSize());
        this.readTimeoutMillis = config.http().readTimeout().toMillis();
        this.perClient = config.http().maxRequestsPerClient();
        this.maxDispatched = Math.max(1, workerThreads - Math.min(RESERVED, workerThreads / 5));
    }

    public long maxBody() {
        return maxBody;
    }

    void routes(@Observes Router router) {
        router.route("/mcp").order(-1000).handler(this::admit);
    }

    /** At the end of the grace period, requests still waiting for a worker are answered: not started, retry. */
    void onStop(@Observes @Priority(5) ShutdownEvent event) {
        List<Waiting> left;
        synchronized (this) {
            left = new ArrayList<>(waiting);
            waiting.clear();
        }
        for (Waiting w : left) {
            free(w.ticket());
            onContext(w, () -> reject(w.ctx(), 503, ToolInvoker.SHUTTING_DOWN, false));
        }
    }

    private void admit(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        request.headers().remove(SLOT_HEADER); // only this class sets it
        String method = request.method().name();
        if (!"POST".equals(method) && !"DELETE".equals(method)) {
            ctx.next();
            return;
        }
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        AtomicInteger count = clients.computeIfAbsent(client, k -> new AtomicInteger());
        if (count.incrementAndGet() > perClient) {
            release(client);
            reject(ctx, 429, "Too many requests in progress from this address (at most " + perClient
                    + "). Wait for answers before sending more, or raise KS_MCP_HTTP_MAX_REQUESTS_PER_CLIENT.", true);
            return;
        }
        String declared = request.getHeader("Content-Length");
        if (declared != null && parse(declared) > maxBody) {
            release(client);
            reject(ctx, 413, tooLarge(), true);
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] over = new boolean[1];
        Runnable giveUp = () -> {
            over[0] = true;
            free(new Ticket(client, body.length()));
        };
        long timer = ctx.vertx().setTimer(readTimeoutMillis, t -> {
            if (!over[0]) {
                giveUp.run();
                reject(ctx, 408, "The request body did not arrive within " + readTimeoutMillis / 1000.0
                        + " s of its headers (KS_MCP_HTTP_READ_TIMEOUT). Send the whole request at once.", true);
            }
        });
        request.handler(chunk -> {
            if (over[0]) {
                return;
            }
            if (body.length() + chunk.length() > maxBody) {
                ctx.vertx().cancelTimer(timer);
                giveUp.run();
                reject(ctx, 413, tooLarge(), true);
                return;
            }
            if (held.addAndGet(chunk.length()) > MAX_HELD_BYTES) {
                held.addAndGet(-chunk.length());
                ctx.vertx().cancelTimer(timer);
                giveUp.run();
                reject(ctx, 503, "The server is busy reading other requests. Retry in a moment.", true);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(e -> {
            ctx.vertx().cancelTimer(timer);
            if (!over[0]) {
                giveUp.run();
            }
        });
        request.endHandler(end -> {
            ctx.vertx().cancelTimer(timer);
            if (!over[0]) {
                over[0] = true;
                ctx.setBody(body);
                dispatch(ctx, new Ticket(client, body.length()));
            }
        });
        request.resume();
    }

    private String tooLarge() {
        return "Request body too large: at most " + maxBody + " bytes (KS_MCP_HTTP_MAX_REQUEST_SIZE).";
    }

    private void dispatch(RoutingContext ctx, Ticket ticket) {
        synchronized (this) {
            if (dispatched >= maxDispatched) {
                if (waiting.size() >= MAX_WAITING) {
                    free(ticket);
                    reject(ctx, 503, "The server is busy: too many calls waiting. Retry in a moment.", false);
                    return;
                }
                waiting.add(new Waiting(ctx, Vertx.currentContext(), ticket));
                return;
            }
            dispatched++;
        }
        go(ctx, ticket);
    }

    private void go(RoutingContext ctx, Ticket ticket) {
        String id = Long.toString(ids.incrementAndGet());
        tickets.put(id, ticket);
        ctx.request().headers().set(SLOT_HEADER, id);
        ctx.next();
    }

    /**
     * The servlet is done with a request (Vert.x end handlers cannot tell: Undertow replaces them): its slot goes to
     * the next one waiting whose client is still there.
     */
    void done(String slot) {
        Ticket ticket = slot == null ? null : tickets.remove(slot);
        if (ticket == null) {
            return;
        }
        free(ticket);
        Waiting next;
        synchronized (this) {
            while ((next = waiting.poll()) != null && next.ctx().response().closed()) {
                free(next.ticket());
            }
            if (next == null) {
                dispatched--;
                return;
            }
        }
        Waiting chosen = next;
        onContext(chosen, () -> go(chosen.ctx(), chosen.ticket()));
    }

    private static void onContext(Waiting w, Runnable action) {
        if (w.context() != null) {
            w.context().runOnContext(v -> action.run());
        } else {
            action.run();
        }
    }

    private void free(Ticket ticket) {
        release(ticket.client());
        held.addAndGet(-ticket.bytes());
    }

    private void release(String client) {
        AtomicInteger count = clients.get(client);
        if (count != null && count.decrementAndGet() <= 0) {
            clients.remove(client, count);
        }
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A JSON-RPC error; {@code close} when the rest of the body would otherwise be left unread on the connection. */
    private static void reject(RoutingContext ctx, int status, String message, boolean close) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        boolean closeConnection = close && ctx.request().version() != HttpVersion.HTTP_2;
        response.setStatusCode(status).putHeader("Content-Type", "application/json");
        if (status == 429 || status == 503) {
            response.putHeader("Retry-After", "1");
        }
        if (closeConnection) {
            response.putHeader("Connection", "close");
        }
        String body = new JsonObject().put("jsonrpc", "2.0").putNull("id")
                .put("error", new JsonObject().put("code", -32000).put("message", message)).encode();
        response.end(body).onComplete(done -> {
            if (closeConnection) {
                // Not at once: a client still sending its body would see a reset instead of this answer. What it
                // sends meanwhile is dropped unread.
                ctx.vertx().setTimer(1000, t -> ctx.request().connection().close());
            }
        });
    }
}
