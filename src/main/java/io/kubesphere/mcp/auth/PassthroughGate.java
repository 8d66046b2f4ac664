package io.kubesphere.mcp.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.kubesphere.mcp.config.Jackson;
import io.kubesphere.mcp.config.KubeSphereConfig;
import io.kubesphere.mcp.config.ServerConfig;
import io.kubesphere.mcp.health.ServerMetrics;
import io.kubesphere.mcp.kubesphere.JwtClaims;
import io.kubesphere.mcp.kubesphere.KubeSphereClient;
import io.kubesphere.mcp.kubesphere.KubeSphereError;
import io.kubesphere.mcp.kubesphere.StaticTokenCredentials;
import io.kubesphere.mcp.kubesphere.UpstreamGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * KS_MCP_AUTH=passthrough at the HTTP level, before the MCP SDK sees a request to /mcp:
 * <ul>
 * <li>no {@code Authorization: Bearer} token → 401 with {@code WWW-Authenticate: Bearer resource_metadata=…};</li>
 * <li>a token KubeSphere rejects (checked with {@code GET /kapis/version}, which answers 401 to a bad token on any
 * path) or whose {@code exp} has passed → 401 {@code error="invalid_token"};</li>
 * <li>the session id the SDK hands out on initialize is bound to the token's user; a later request of that session
 * whose token names another user → 403 (the token is valid, it just may not use this session; 401 would send the
 * client into a pointless re-authorization); a session id with no binding → 404, which makes MCP clients
 * initialize again, exactly as for a session the SDK does not know.</li>
 * </ul>
 * Tokens are kept only in the request they came with; the caches hold usernames, and token checks are keyed by a
 * SHA-256 of the token. Nothing here logs a token or a session id.
 */
@ApplicationScoped
public class PassthroughGate {

    private static final Logger LOG = Logger.getLogger(PassthroughGate.class);
    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String METADATA_PATH = "/.well-known/oauth-protected-resource";
    private static final int MAX_SESSIONS = 10_000;
    private static final int MAX_TOKENS = 1_000;
    /** A token KubeSphere accepted is asked about again after this (sooner if it expires). */
    private static final Duration RECHECK = Duration.ofSeconds(60);
    private static final Duration SESSION_IDLE = Duration.ofHours(24);
    private static final ObjectMapper JSON = Jackson.plain();

    private record Binding(String username, Instant lastSeen) {
    }

    private record Checked(String username, Instant until) {
    }

    /** The outcome of checking one token: a username, or the HTTP status and words to refuse with. */
    private record Verdict(String username, int status, String error, String description) {
        static Verdict ok(String username) {
            return new Verdict(username, 0, null, null);
        }
    }

    private final boolean enabled;
    private final KubeSphereClient client;
    private final Duration timeout;
    private final ServerMetrics metrics;
    private final Clock clock;
    // Size-bounded so that memory stays flat however many sessions or tokens callers bring; the expiry of each entry
    // is checked against the clock on use.
    private final Cache<String, Binding> sessions = Caffeine.newBuilder().maximumSize(MAX_SESSIONS).build();
    private final Cache<String, Checked> tokens = Caffeine.newBuilder().maximumSize(MAX_TOKENS).build();

    public PassthroughGate(ServerConfig config, KubeSphereConfig kubesphere, KubeSphereClient client,
            ServerMetrics metrics, Clock clock) {
        this.enabled = config.auth() == ServerConfig.Auth.passthrough;
        this.client = client;
        this.timeout = kubesphere.readTimeout().plusSeconds(1);
        this.metrics = metrics;
        this.clock = clock;
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Checks one request to /mcp. Returns the response to hand to the SDK (wrapped on initialize, to learn the session
     * id it assigns), or null when the gate has already answered. Server mode: the request passes untouched.
     */
    public HttpServletResponse admit(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!enabled) {
            return response;
        }
        String token = bearer(request.getHeader("Authorization"));
        if (token == null) {
            metrics.callerAuth("missing");
            refuse(request, response, new Verdict(null, 401, null,
                    "This server acts as its caller: send your KubeSphere access token as Authorization: Bearer <token>."));
            return null;
        }
        Verdict verdict = check(token);
        if (verdict.username() == null) {
            metrics.callerAuth(verdict.status() == 401 ? "invalid" : "unavailable");
            refuse(request, response, verdict);
            return null;
        }
        String username = verdict.username();
        String session = request.getHeader(SESSION_HEADER);
        if (session == null) {
            // initialize (or a request the SDK refuses for lacking a session): bind the id the SDK hands out.
            metrics.callerAuth("ok");
            request.setAttribute(CallerCredentials.REQUEST_ATTRIBUTE, token);
            return new BindSession(response, id -> sessions.put(id, new Binding(username, clock.instant())));
        }
        Binding owner = sessions.getIfPresent(session);
        if (owner != null && owner.lastSeen().plus(SESSION_IDLE).isBefore(clock.instant())) {
            sessions.invalidate(session);
            owner = null;
        }
        if (owner == null) {
            metrics.callerAuth("unknown_session");
            refuse(request, response, new Verdict(null, 404, null,
                    "Unknown MCP session (it ended, or the server instance that held it is gone). Start a new "
                            + "session: send initialize without an Mcp-Session-Id header."));
            return null;
        }
        if (!owner.username().equals(username)) {
            metrics.callerAuth("other_user");
            LOG.warnf("Refused a request to an MCP session opened by '%s' carrying a token of '%s' (HTTP 403)",
                    owner.username(), username);
            refuse(request, response, new Verdict(null, 403, "insufficient_scope",
                    "This MCP session belongs to another KubeSphere user. Start your own session (initialize) with "
                            + "your token."));
            return null;
        }
        metrics.callerAuth("ok");
        if ("DELETE".equals(request.getMethod())) {
            sessions.invalidate(session);
        } else {
            sessions.put(session, new Binding(username, clock.instant()));
        }
        request.setAttribute(CallerCredentials.REQUEST_ATTRIBUTE, token);
        return response;
    }

    /** The request's own base URL (scheme and Host), where the metadata document is served. */
    static String base(HttpServletRequest request) {
        String host = request.getHeader("Host");
        if (host == null || host.isBlank()) {
            host = request.getServerName() + ":" + request.getServerPort();
        }
        return request.getScheme() + "://" + host;
    }

    static String bearer(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (value.length() < 7 || !value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return null;
        }
        String token = value.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    private Verdict check(String token) {
        String key = sha256(token);
        Instant now = clock.instant();
        Checked known = tokens.getIfPresent(key);
        if (known != null && now.isBefore(known.until())) {
            return Verdict.ok(known.username());
        }
        Optional<String> username = JwtClaims.username(token);
        if (username.isEmpty()) {
            return invalid("The bearer token is not a KubeSphere access token (a JWT with a username claim).");
        }
        Optional<Instant> expiry = JwtClaims.expiry(token);
        if (expiry.isPresent() && !now.isBefore(expiry.get())) {
            tokens.invalidate(key);
            return invalid("The token has expired. Obtain a new one from KubeSphere (POST /oauth/token).");
        }
        try {
            client.call(new StaticTokenCredentials(token, "caller's token"), auth -> client.version().version(auth),
                    call -> {
                    }).await().atMost(timeout);
        } catch (KubeSphereError e) {
            if (e.kind() == KubeSphereError.Kind.UNAUTHORIZED) {
                tokens.invalidate(key);
                return invalid("KubeSphere rejected the token (expired, revoked, or not issued by it).");
            }
            if (e.kind() != KubeSphereError.Kind.FORBIDDEN) {
                // Not the caller's fault, and not a reason to re-authorize: say that KubeSphere is unavailable.
                return new Verdict(null, 503, null, "Cannot check the token with KubeSphere right now: " + e.getMessage());
            }
            // 403: KubeSphere authenticated the token and only declined the version route.
        } catch (RuntimeException e) {
            return new Verdict(null, 503, null, "Cannot check the token with KubeSphere right now ("
                    + e.getClass().getSimpleName() + "). Retry shortly.");
        }
        Instant until = now.plus(RECHECK);
        if (expiry.isPresent() && expiry.get().isBefore(until)) {
            until = expiry.get();
        }
        tokens.put(key, new Checked(username.get(), until));
        return Verdict.ok(username.get());
    }

    private static Verdict invalid(String description) {
        return new Verdict(null, 401, "invalid_token", description);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, Verdict verdict)
            throws IOException {
        response.setStatus(verdict.status());
        if (verdict.status() == 401 || verdict.status() == 403) {
            StringBuilder challenge = new StringBuilder("Bearer resource_metadata=\"")
                    .append(base(request)).append(METADATA_PATH).append('"');
            if (verdict.error() != null) {
                challenge.append(", error=\"").append(verdict.error()).append("\", error_description=\"")
                        .append(verdict.description().replace('"', '\'').replace('\\', '/')).append('"');
            }
            response.setHeader("WWW-Authenticate", challenge.toString());
        }
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        int code = verdict.status() == 404 ? -32001 : -32000;
        response.getWriter().write("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":" + code + ",\"message\":"
                + JSON.writeValueAsString(verdict.description()) + "}}");
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Learns the session id the SDK assigns on initialize, before the client can see (and reuse) it. */
    private static final class BindSession extends HttpServletResponseWrapper {
        private final Consumer<String> bind;

        BindSession(HttpServletResponse response, Consumer<String> bind) {
            super(response);
            this.bind = bind;
        }

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
            if (SESSION_HEADER.equalsIgnoreCase(name) && value != null && !value.isBlank()) {
                bind.accept(value);
            }
        }
    }
}
