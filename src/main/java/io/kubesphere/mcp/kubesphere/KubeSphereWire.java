package io.kubesphere.mcp.kubesphere;

import io.kubesphere.mcp.config.KubeSphereConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.VertxInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The only connection to ks-apiserver: one pooled keep-alive Vert.x HTTP client, no redirects, connect and read
 * timeouts. Policy rule 1 is checked here, on the method and raw path about to be written to the socket, so nothing
 * off the allowlist can leave, whatever code asks. Plain Vert.x rather than the JAX-RS REST client: in HTTP mode that
 * client searched the CDI container and captured contexts on every request (JFR: ~9% of a tool call's samples).
 */
@ApplicationScoped
public class KubeSphereWire {

    private final Vertx vertx;
    private final Supplier<String> baseUrl;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final UpstreamGuard guard;
    private volatile Target target;

    /** Where requests go, parsed once from the base URL. */
    private record Target(HttpClient client, String host, int port, boolean tls, String prefix) {
    }

    @Inject
    public KubeSphereWire(Vertx vertx, KubeSphereEndpoint endpoint, KubeSphereConfig config, UpstreamGuard guard) {
        this(vertx, endpoint::baseUrl, config.connectTimeout(), config.readTimeout(), guard);
    }

    KubeSphereWire(Vertx vertx, Supplier<String> baseUrl, Duration connectTimeout, Duration readTimeout,
            UpstreamGuard guard) {
        this.vertx = vertx;
        this.baseUrl = baseUrl;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.guard = guard;
    }

    public UpstreamGuard guard() {
        return guard;
    }

    /**
     * Sends one request. {@code path} is the raw (already encoded) path the guard checks, {@code query} is empty or
     * starts with '?', {@code accept} is the route's {@link Route#accept()}. A refused request fails with a policy
     * error and opens no connection.
     */
    public Uni<WireResponse> send(String method, String path, String query, String accept, String authorization,
            String contentType, byte[] body) {
        return Uni.createFrom().emitter(emitter -> {
            if (!guard.permits(method, path)) {
                emitter.fail(UpstreamGuard.refusal(method, path));
                return;
            }
            // Issued from a servlet worker thread (which carries the HTTP request's Vert.x context), answers now and
            // then came back with an empty body (seen in the servlet tests, never on an event loop): so requests start
            // on an event loop.
            if (Context.isOnEventLoopThread()) {
                exchange(method, path, query, accept, authorization, contentType, body, emitter);
            } else {
                ((VertxInternal) vertx).createEventLoopContext()
                        .runOnContext(v -> exchange(method, path, query, accept, authorization, contentType, body, emitter));
            }
        });
    }

    private void exchange(String method, String path, String query, String accept, String authorization,
            String contentType, byte[] body, UniEmitter<? super WireResponse> emitter) {
        try {
            Target to = target();
            RequestOptions options = new RequestOptions()
                    .setMethod(HttpMethod.valueOf(method))
                    .setHost(to.host())
                    .setPort(to.port())
                    .setSsl(to.tls())
                    .setURI(to.prefix() + path + query)
                    .setFollowRedirects(false)
                    .setIdleTimeout(readTimeout.toMillis())
                    .putHeader("Accept", accept);
            if (authorization != null) {
                options.putHeader("Authorization", authorization);
            }
            if (contentType != null) {
                options.putHeader("Content-Type", contentType);
            }
            to.client().request(options)
                    .compose(request -> body == null ? request.send() : request.send(Buffer.buffer(body)))
                    .compose(response -> response.body().map(buffer -> new WireResponse(response.statusCode(),
                            response.getHeader("Content-Type"), buffer.getBytes(), response.getHeader("Retry-After"))))
                    .onComplete(result -> {
                        if (result.succeeded()) {
                            emitter.complete(result.result());
                        } else {
                            emitter.fail(result.cause());
                        }
                    });
        } catch (RuntimeException e) {
            emitter.fail(e);
        }
    }

    /** Built on first use, so that start-up makes no KubeSphere connection and needs no reachable host. */
    private Target target() {
        Target current = target;
        if (current == null) {
            synchronized (this) {
                if (target == null) {
                    URI base = URI.create(baseUrl.get());
                    boolean tls = "https".equalsIgnoreCase(base.getScheme());
                    int port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
                    String prefix = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
                    HttpClientOptions options = new HttpClientOptions()
                            .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                            .setKeepAlive(true)
                            // 64 agent sessions at once share these; the JAX-RS client before allowed 50 as well.
                            .setMaxPoolSize(50)
                            // https: the JVM's trust store (javax.net.ssl.trustStore) and host name checks, never trust-all.
                            .setSsl(tls)
                            .setVerifyHost(true)
                            .setTrustAll(false);
                    // An IPv6 literal comes bracketed from the URL ([fd00::1]); the socket wants it bare.
                    String host = base.getHost().startsWith("[")
                            ? base.getHost().substring(1, base.getHost().length() - 1) : base.getHost();
                    target = new Target(vertx.createHttpClient(options), host, port, tls, prefix);
                }
                current = target;
            }
        }
        return current;
    }
}
