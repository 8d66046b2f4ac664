package io.kubesphere.mcp.kubesphere;

import io.kubesphere.mcp.kubesphere.api.VersionApi;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The REST clients' connection to ks-apiserver itself: reuse, the guard before any connection, timeouts, TLS checks,
 * and the base URL's path. Each test serves its own ks-apiserver stand-in and builds a client the product's way.
 */
@QuarkusTest
class KubeSphereRestTest {

    @Inject
    Vertx vertx;

    @Inject
    KubeSphereClient client;

    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<HttpServer> servers = new ArrayList<>();
    private volatile String lastUri;
    private volatile String lastAccept;

    @AfterEach
    void stop() throws Exception {
        for (HttpServer server : servers) {
            server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }

    /** A ks-apiserver stand-in on loopback (127.0.0.1 unless the options name another host). */
    static int serve(Vertx vertx, List<HttpServer> servers, HttpServerOptions options, long delayMs,
            AtomicInteger connections, AtomicInteger requests, java.util.function.Consumer<io.vertx.core.http.HttpServerRequest> seen)
            throws Exception {
        if (HttpServerOptions.DEFAULT_HOST.equals(options.getHost())) {
            options.setHost("127.0.0.1");
        }
        HttpServer server = vertx.createHttpServer(options.setPort(0));
        server.connectionHandler(c -> connections.incrementAndGet());
        server.requestHandler(req -> {
            requests.incrementAndGet();
            seen.accept(req);
            Runnable answer = () -> req.response().putHeader("Content-Type", "application/json").end("{\"gitVersion\":\"v4\"}");
            if (delayMs > 0) {
                vertx.setTimer(delayMs, id -> answer.run());
            } else {
                answer.run();
            }
        });
        servers.add(server);
        return server.listen().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS).actualPort();
    }

    private int serve(HttpServerOptions options, long delayMs) throws Exception {
        return serve(vertx, servers, options, delayMs, connections, requests, req -> {
            lastUri = req.uri();
            lastAccept = req.getHeader("Accept");
        });
    }

    static int get(VersionApi api) {
        try (Response response = api.version(new KsAuth("Bearer x")).await().atMost(Duration.ofSeconds(10))) {
            return response.getStatus();
        }
    }

    @Test
    void sequentialRequestsReuseKeptAliveConnections() throws Exception {
        VersionApi api = client.build(VersionApi.class, "http://127.0.0.1:" + serve(new HttpServerOptions(), 0));
        for (int i = 0; i < 20; i++) {
            assertEquals(200, get(api));
            // A connection goes back to the pool just after its answer is handed over; tool calls are further apart.
            Thread.sleep(5);
        }
        assertEquals(20, requests.get());
        assertEquals(1, connections.get(), "one TCP connection for twenty requests");
        assertEquals("application/json", lastAccept, "the route's produces, as go-restful matches it");
    }

    /**
     * On the HTTP transport every client request asks CDI for the incoming {@code HttpHeaders} (the servlet's request
     * context is active). It must find a bean, or ArC scans every removed bean per request; and that bean propagates
     * nothing, so no MCP client header reaches KubeSphere that way.
     */
    @Test
    void theIncomingHeaderLookUpFindsABeanThatPropagatesNothing() {
        InstanceHandle<HttpHeaders> headers = Arc.container().instance(HttpHeaders.class);
        assertTrue(headers.isAvailable(), "HttpHeaders resolves (NoIncomingHeaders, not removed as unused)");
        assertEquals(NoIncomingHeaders.class, headers.getBean().getBeanClass());
        assertTrue(headers.get().getRequestHeaders().isEmpty());
        assertNull(headers.get().getHeaderString(HttpHeaders.AUTHORIZATION));
    }

    /** The guard runs before the client connects: a refused request opens no connection at all. */
    @Test
    void aRefusedRequestOpensNoConnection() throws Exception {
        HostileApi api = client.build(HostileApi.class, "http://127.0.0.1:" + serve(new HttpServerOptions(), 0));
        Throwable failure = assertThrows(Throwable.class,
                () -> api.secrets(new KsAuth("Bearer x")).await().atMost(Duration.ofSeconds(10)));
        assertEquals(KubeSphereError.Kind.REFUSED_BY_POLICY, ErrorMapper.fromFailure(failure, "", Duration.ZERO).kind());
        Thread.sleep(100);
        assertEquals(0, connections.get(), "no connection for a refused request");
    }

    /** Callers on Vert.x worker threads get every body whole, also many at once. */
    @Test
    void bodiesArriveWholeWhenWorkerThreadsAskConcurrently() throws Exception {
        VersionApi api = client.build(VersionApi.class, "http://127.0.0.1:" + serve(new HttpServerOptions(), 0));
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            CompletableFuture<List<String>> batch = new CompletableFuture<>();
            vertx.executeBlocking(() -> {
                List<Uni<String>> calls = new ArrayList<>();
                for (int j = 0; j < 25; j++) {
                    calls.add(api.version(new KsAuth("Bearer x")).map(r -> r.readEntity(String.class)));
                }
                return Uni.join().all(calls).andFailFast().await().atMost(Duration.ofSeconds(10));
            }, false).onComplete(r -> {
                if (r.succeeded()) {
                    batch.complete(r.result());
                } else {
                    batch.completeExceptionally(r.cause());
                }
            });
            bodies.addAll(batch.get(20, TimeUnit.SECONDS));
        }
        assertEquals(200, bodies.size());
        for (String body : bodies) {
            assertEquals("{\"gitVersion\":\"v4\"}", body);
        }
    }

    /** %test.kubesphere.read.timeout=3s. */
    @Test
    void aSlowAnswerEndsInTheReadTimeout() throws Exception {
        VersionApi api = client.build(VersionApi.class, "http://127.0.0.1:" + serve(new HttpServerOptions(), 5000));
        Throwable failure = assertThrows(Throwable.class, () -> get(api));
        KubeSphereError mapped = ErrorMapper.fromFailure(failure, "http://ks", Duration.ofSeconds(3));
        assertEquals(KubeSphereError.Kind.TIMEOUT, mapped.kind(), String.valueOf(failure));
    }

    static Path selfSignedKeystore() throws Exception {
        Path store = Files.createTempDirectory("ks-tls").resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "ks", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit").redirectErrorStream(true).start();
        assertEquals(0, keytool.waitFor(), new String(keytool.getInputStream().readAllBytes()));
        return store;
    }

    static HttpServerOptions tls(Path store) {
        return new HttpServerOptions().setSsl(true)
                .setKeyCertOptions(new PfxOptions().setPath(store.toString()).setPassword("changeit"));
    }

    /** A certificate nobody configured is refused: the client never trusts all. */
    @Test
    void anUntrustedCertificateIsRefusedBeforeAnyRequest() throws Exception {
        int port = serve(tls(selfSignedKeystore()), 0);
        VersionApi api = client.build(VersionApi.class, "https://localhost:" + port);
        Throwable failure = assertThrows(Throwable.class, () -> get(api));
        assertThat(String.valueOf(failure) + failure.getCause(), containsString("SSL"));
        assertEquals(0, requests.get(), "no request was served over the untrusted connection");
    }

    @Test
    void anIpv6LiteralHostIsReached() throws Exception {
        int port;
        try {
            port = serve(new HttpServerOptions().setHost("::1"), 0);
        } catch (Exception e) {
            Assumptions.abort("no IPv6 loopback here: " + e.getMessage());
            return;
        }
        assertEquals(200, get(client.build(VersionApi.class, "http://[::1]:" + port)));
    }

    @Test
    void aPathInTheBaseUrlPrefixesEveryRequest() throws Exception {
        VersionApi api = client.build(VersionApi.class, "http://127.0.0.1:" + serve(new HttpServerOptions(), 0) + "/ks/");
        assertEquals(200, get(api));
        assertEquals("/ks/kapis/version", lastUri);
    }
}
