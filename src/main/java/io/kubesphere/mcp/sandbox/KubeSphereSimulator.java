package io.kubesphere.mcp.sandbox;

import io.kubesphere.mcp.sandbox.SimRouter.Found;
import io.kubesphere.mcp.sandbox.SimRouter.Match;
import io.kubesphere.mcp.sandbox.SimRouter.Media;
import io.kubesphere.mcp.sandbox.SimRouter.MethodNotAllowed;
import io.kubesphere.mcp.sandbox.SimRouter.NotAcceptable;
import io.kubesphere.mcp.sandbox.SimRouter.UnsupportedMediaType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;

/**
 * In-memory simulator of the KubeSphere v4 API (ks-apiserver + ks-devops) for tests and sandbox mode. It follows
 * the wire facts in kubesphere-api.md, quirks included: OAuth with JWTs backed by a revocable token cache and
 * login rate limiting, KubeSphere-style RBAC (see {@link SimAuthorizer}), paged lists, text/plain handler errors.
 *
 * <p>All state lives behind one lock; handlers are fast and never block, and responses are written on the
 * event loop (optionally after a configured delay).
 */
public final class KubeSphereSimulator {
    private final Object lock = new Object();
    private final SimWorld world;
    private final SimAuth auth;
    private final SimRouter router = new SimRouter();
    /** The OAuth routes (pkg/kapis/oauth/register.go): reached without the cluster-prefix rewrite. */
    private final SimRouter oauth = new SimRouter();
    /** The newest requests, for tests and the benchmark; bounded so that a long sandbox session does not grow. */
    private final ArrayDeque<RecordedRequest> recorded = new ArrayDeque<>();
    static final int RECORDED_MAX = 10_000;
    /** The bound in force; a unit test lowers it to see the bound work without ten thousand requests. */
    volatile int recordedMax = RECORDED_MAX;
    private volatile boolean unavailable;
    private volatile int overloadedRetryAfter;
    private volatile java.util.regex.Pattern forbiddenReads;
    private volatile Duration responseDelay = Duration.ZERO;
    private volatile Vertx vertx;
    private volatile HttpServer server;
    private volatile int port = -1;

    /** The simulated state, for simulator tests that check what was stored (e.g. a secret the API masks). */
    SimWorld world() {
        return world;
    }

    private KubeSphereSimulator(Clock clock) {
        world = new SimWorld(clock);
        auth = new SimAuth(world);
        SimAuthorizer authz = new SimAuthorizer(world);
        new TenantApi(world, authz).register(router);
        new IamApi(world, authz).register(router);
        DevOpsApi devops = new DevOpsApi(world, authz);
        devops.register(router);
        new DevOpsRunsApi(world, authz, devops).register(router);
        new DevOpsSourceApi(world, authz, devops).register(router);
        new DevOpsAdminApi(world, authz).register(router);
        new QuotaApi(world, authz).register(router);
        new ClusterIamApi(world, authz).register(router);
        new WorkspaceClustersApi(world, authz).register(router);
        new MemberNamespacesApi(world, authz).register(router);
        oauth.add("POST", "/oauth/token", new Media(List.of(SimResponse.JSON),
                List.of("application/x-www-form-urlencoded")), auth::token);
        oauth.add("GET", "/oauth/logout", new Media(List.of(SimResponse.JSON), List.of(SimResponse.JSON)),
                ex -> auth.logout(ex, ex.authorization));
        // ks-apiserver's version endpoint (pkg/kapis/version): no tenant data; probes use it.
        router.add("GET", "/kapis/version", ex -> SimResponse.ok(Json.o("gitVersion", "v4.1.3", "gitMajor", "4",
                "gitMinor", "1", "kubernetes", Json.o("gitVersion", "v1.30.4"))));
    }

    /** Built-in roles, cluster {@code host} and user {@code admin} only. */
    public static KubeSphereSimulator empty() {
        KubeSphereSimulator sim = new KubeSphereSimulator(Clock.systemUTC());
        DemoData.base(sim.world);
        return sim;
    }

    /** The tenant example of the skill documents; see {@link DemoData}. */
    public static KubeSphereSimulator withDemoData() {
        return withDemoData(Clock.systemUTC());
    }

    /** The demo data on the server's clock: token lifetimes and run progress follow it. */
    public static KubeSphereSimulator withDemoData(Clock clock) {
        KubeSphereSimulator sim = new KubeSphereSimulator(clock);
        DemoData.demo(sim.world);
        return sim;
    }

    /** Password of a demo user ({@code admin}, {@code stoneshi}, {@code demo-user}), or null. */
    public static String demoPassword(String username) {
        return username == null ? null : DemoData.PASSWORDS.get(username);
    }

    public Future<Integer> start(Vertx vertx) {
        this.vertx = vertx;
        HttpServer s = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
        s.requestHandler(this::onRequest);
        return s.listen().map(srv -> {
            server = srv;
            port = srv.actualPort();
            return port;
        });
    }

    public Future<Void> stop() {
        HttpServer s = server;
        server = null;
        return s == null ? Future.succeededFuture() : s.close();
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public List<RecordedRequest> requests() {
        synchronized (lock) {
            return List.copyOf(recorded);
        }
    }

    public void clearRequests() {
        synchronized (lock) {
            recorded.clear();
        }
    }

    public void advanceClock(Duration d) {
        synchronized (lock) {
            world.advance(d);
        }
    }

    /** Default 2h; the refresh token lives this plus 30m. Zero means tokens carry no expiry. */
    public void setAccessTokenMaxAge(Duration d) {
        synchronized (lock) {
            world.accessTokenMaxAge = d;
        }
    }

    /** Successful {@code /oauth/token} grants so far for the given grant_type. */
    public int tokenGrants(String grantType) {
        synchronized (lock) {
            return world.grants.getOrDefault(grantType, 0);
        }
    }

    /** Empties the server-side token cache, as a ks-apiserver/Redis restart would. */
    public void revokeAllTokens() {
        synchronized (lock) {
            world.tokenCache.clear();
        }
    }

    /**
     * Answers GETs whose raw path matches {@code pathRegex} with the authorization filter's 403, as for a caller whose
     * custom role allows a write but not the read before it. Null lifts it.
     */
    public void forbidReads(String pathRegex) {
        this.forbiddenReads = pathRegex == null ? null : java.util.regex.Pattern.compile(pathRegex);
    }

    /**
     * Whether a route of the simulator takes this request (raw path, cluster prefix allowed) with the given
     * Content-Type and Accept: no 404, 405, 415 or 406 from its router. For tests holding tools to the sandbox.
     */
    public boolean serves(String method, String rawPath, String contentType, String accept) {
        synchronized (lock) {
            SimExchange ex = new SimExchange(method, rawPath, null, contentType, "");
            SimRouter r = rawPath.startsWith("/oauth/") ? oauth : router;
            return r.match(method, rawPath.startsWith("/oauth/") ? rawPath : clusterRewrite(ex, rawPath), contentType,
                    accept) instanceof Found;
        }
    }

    public void setUnavailable(boolean down) {
        this.unavailable = down;
    }

    /**
     * Sheds load as the Kubernetes API server's max-in-flight and priority-and-fairness filters do: 429, text/plain
     * "Too many requests, please try again later.", Retry-After in seconds. 0 ends it.
     */
    public void setOverloaded(int retryAfterSeconds) {
        this.overloadedRetryAfter = retryAfterSeconds;
    }

    public void setResponseDelay(Duration d) {
        this.responseDelay = d == null ? Duration.ZERO : d;
    }

    // ---------- request handling ----------

    private void onRequest(HttpServerRequest req) {
        req.body().onComplete(ar -> {
            Buffer buf = ar.succeeded() ? ar.result() : null;
            String body = buf == null ? "" : buf.toString(StandardCharsets.UTF_8);
            String contentType = req.getHeader("Content-Type");
            String accept = req.getHeader("Accept");
            SimExchange ex = new SimExchange(req.method().name(), req.path(), req.query(), contentType, body);
            SimResponse resp;
            synchronized (lock) {
                if (unavailable) {
                    resp = SimResponse.raw(503, SimResponse.TEXT, "service unavailable\n");
                } else if (overloadedRetryAfter > 0) {
                    resp = SimResponse.handlerError(429, "Too many requests, please try again later.")
                            .header("Retry-After", Integer.toString(overloadedRetryAfter));
                } else {
                    resp = dispatch(ex, req.getHeader("Authorization"), accept);
                }
                if (recorded.size() >= recordedMax) {
                    recorded.removeFirst();
                }
                recorded.addLast(new RecordedRequest(ex.method, ex.rawPath, ex.rawQuery, ex.user, contentType, accept,
                        body, resp.status()));
            }
            long delayMs = responseDelay.toMillis();
            if (delayMs > 0) {
                vertx.setTimer(delayMs, id -> write(req, resp));
            } else {
                write(req, resp);
            }
        });
    }

    private static void write(HttpServerRequest req, SimResponse resp) {
        HttpServerResponse r = req.response();
        if (r.ended() || r.closed()) {
            return;
        }
        r.setStatusCode(resp.status());
        if (resp.contentType() != null) {
            r.putHeader("Content-Type", resp.contentType());
        }
        resp.headers().forEach(r::putHeader);
        r.end(resp.body());
    }

    private SimResponse dispatch(SimExchange ex, String authorization, String accept) {
        try {
            String path = ex.rawPath;
            // ks-apiserver authenticates before anything else, so even /oauth/token rejects a stale header.
            auth.authenticate(ex, authorization);
            ex.authorization = authorization;
            java.util.regex.Pattern forbidden = forbiddenReads;
            if (forbidden != null && ex.method.equals("GET") && forbidden.matcher(path).matches()) {
                throw SimAuthorizer.forbidden(ex.userName(), SimAuthorizer.Attrs.cluster("get", "", "resources",
                        null));
            }
            Match m = (path.equals("/oauth/token") || path.equals("/oauth/logout") ? oauth : router)
                    .match(ex.method, path.startsWith("/oauth/") ? path : clusterRewrite(ex, path), ex.contentType,
                            accept);
            if (m instanceof Found f) {
                ex.params = f.params();
                return f.handler().handle(ex);
            }
            if (m instanceof MethodNotAllowed mna) {
                return methodNotAllowed(mna.allow());
            }
            if (m instanceof UnsupportedMediaType) {
                return SimResponse.raw(415, SimResponse.TEXT, "415: Unsupported Media Type");
            }
            if (m instanceof NotAcceptable) {
                return SimResponse.raw(406, SimResponse.TEXT, "406: Not Acceptable");
            }
            return SimResponse.raw(404, SimResponse.TEXT, "404: Page Not Found");
        } catch (SimError e) {
            return e.response;
        } catch (RuntimeException e) {
            // Never include request data: bodies may carry passwords.
            return SimResponse.handlerError(500, "internal error: " + e.getClass().getSimpleName());
        }
    }

    private static SimResponse methodNotAllowed(Set<String> allow) {
        return SimResponse.raw(405, SimResponse.TEXT, "405: Method Not Allowed").header("Allow",
                String.join(", ", allow));
    }

    /**
     * Strips {@code /clusters/{c}} (v4) or the legacy {@code /kapis/clusters/{c}/} form; an unknown cluster is the
     * multicluster filter's raw-marshalled StatusError.
     */
    private String clusterRewrite(SimExchange ex, String path) {
        String[] segs = SimRouter.split(path);
        String cluster = null;
        String rest = path;
        if (segs.length >= 3 && segs[0].equals("clusters")
                && (segs[2].equals("kapis") || segs[2].equals("apis") || segs[2].equals("api"))) {
            cluster = SimRouter.decode(segs[1]);
            rest = "/" + String.join("/", List.of(segs).subList(2, segs.length));
        } else if (segs.length >= 4 && segs[0].equals("kapis") && segs[1].equals("clusters")) {
            cluster = SimRouter.decode(segs[2]);
            rest = "/kapis/" + String.join("/", List.of(segs).subList(3, segs.length));
        }
        if (cluster != null) {
            if (!world.clusters.containsKey(cluster)) {
                throw SimError.of(SimResponse.json(400, Json.o("ErrStatus", Json.o("metadata", Json.o(),
                        "status", "Failure", "message", "cluster " + cluster + " not exists", "reason", "BadRequest",
                        "code", 400))));
            }
            ex.cluster = cluster;
        }
        return rest;
    }
}
