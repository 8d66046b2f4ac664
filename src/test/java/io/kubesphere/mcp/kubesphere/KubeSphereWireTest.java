package io.kubesphere.mcp.kubesphere;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The connection to ks-apiserver itself: reuse, timeouts, TLS checks, and its base URL path. */
class KubeSphereWireTest {

    private static final Route VERSION = UpstreamGuard.VERSION;
    private static final UpstreamGuard GUARD = new UpstreamGuard(Set.of());

    private Vertx vertx;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile String lastUri;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    /** A ks-apiserver stand-in on loopback (127.0.0.1 unless the options name another host). */
    private int serve(HttpServerOptions options, long delayMs) throws Exception {
        if (HttpServerOptions.DEFAULT_HOST.equals(options.getHost())) {
            options.setHost("127.0.0.1");
        }
        HttpServer server = vertx.createHttpServer(options.setPort(0));
        server.connectionHandler(c -> connections.incrementAndGet());
        server.requestHandler(req -> {
            requests.incrementAndGet();
            lastUri = req.uri();
            Runnable answer = () -> req.response().putHeader("Content-Type", "application/json").end("{\"gitVersion\":\"v4\"}");
            if (delayMs > 0) {
                vertx.setTimer(delayMs, id -> answer.run());
            } else {
                answer.run();
            }
        });
        return server.listen().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS).actualPort();
    }

    private KubeSphereWire wire(String baseUrl, Duration readTimeout) {
        return new KubeSphereWire(vertx, () -> baseUrl, Duration.ofSeconds(2), readTimeout, GUARD);
    }

    private WireResponse get(KubeSphereWire wire) {
        return wire.send("GET", VERSION.template(), "", Route.JSON, "Bearer x", null, null).await()
                .atMost(Duration.ofSeconds(10));
    }

    @Test
    void sequentialRequestsReuseKeptAliveConnections() throws Exception {
        KubeSphereWire wire = wire("http://127.0.0.1:" + serve(new HttpServerOptions(), 0), Duration.ofSeconds(5));
        for (int i = 0; i < 20; i++) {
            assertEquals(200, get(wire).status());
            // A connection goes back to the pool just after its answer is handed over; tool calls are further apart.
            Thread.sleep(5);
        }
        assertEquals(20, requests.get());
        assertEquals(1, connections.get(), "one TCP connection for twenty requests");
    }

    /** Callers on Vert.x worker threads get every body whole, also many at once. */
    @Test
    void bodiesArriveWholeWhenWorkerThreadsAskConcurrently() throws Exception {
        KubeSphereWire wire = wire("http://127.0.0.1:" + serve(new HttpServerOptions(), 0), Duration.ofSeconds(5));
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            CompletableFuture<List<String>> batch = new CompletableFuture<>();
            vertx.executeBlocking(() -> {
                List<Uni<String>> calls = new ArrayList<>();
                for (int j = 0; j < 25; j++) {
                    calls.add(wire.send("GET", VERSION.template(), "", Route.JSON, "Bearer x", null, null)
                            .map(WireResponse::text));
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

    @Test
    void aSlowAnswerEndsInTheReadTimeout() throws Exception {
        KubeSphereWire wire = wire("http://127.0.0.1:" + serve(new HttpServerOptions(), 3000), Duration.ofMillis(300));
        Throwable failure = assertThrows(Throwable.class, () -> get(wire));
        KubeSphereError mapped = ErrorMapper.fromFailure(failure, "http://ks", Duration.ofMillis(300));
        assertEquals(KubeSphereError.Kind.TIMEOUT, mapped.kind(), String.valueOf(failure));
    }

    private Path selfSignedKeystore() throws Exception {
        Path store = Files.createTempDirectory("wire-tls").resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "ks", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit").redirectErrorStream(true).start();
        assertEquals(0, keytool.waitFor(), new String(keytool.getInputStream().readAllBytes()));
        return store;
    }

    private int serveTls(Path store) throws Exception {
        return serve(new HttpServerOptions().setSsl(true)
                .setKeyCertOptions(new PfxOptions().setPath(store.toString()).setPassword("changeit")), 0);
    }

    /** A certificate the JVM does not trust is refused: the client never trusts all. */
    @Test
    void anUntrustedCertificateIsRefusedBeforeAnyRequest() throws Exception {
        KubeSphereWire wire = wire("https://localhost:" + serveTls(selfSignedKeystore()), Duration.ofSeconds(5));
        Throwable failure = assertThrows(Throwable.class, () -> get(wire));
        assertThat(String.valueOf(failure), containsString("SSL"));
        assertEquals(0, requests.get(), "no request was served over the untrusted connection");
    }

    /** A private CA is trusted the JVM's way (README: JAVA_OPTS=-Djavax.net.ssl.trustStore=...). */
    @Test
    void aCertificateInTheJvmTrustStoreIsAccepted() throws Exception {
        Path store = selfSignedKeystore();
        int port = serveTls(store);
        String[] keys = {"javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword", "javax.net.ssl.trustStoreType"};
        String[] before = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            before[i] = System.getProperty(keys[i]);
        }
        System.setProperty(keys[0], store.toString());
        System.setProperty(keys[1], "changeit");
        System.setProperty(keys[2], "PKCS12");
        try {
            assertEquals(200, get(wire("https://localhost:" + port, Duration.ofSeconds(5))).status());
        } finally {
            for (int i = 0; i < keys.length; i++) {
                if (before[i] == null) {
                    System.clearProperty(keys[i]);
                } else {
                    System.setProperty(keys[i], before[i]);
                }
            }
        }
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
        assertEquals(200, get(wire("http://[::1]:" + port, Duration.ofSeconds(5))).status());
    }

    @Test
    void aPathInTheBaseUrlPrefixesEveryRequest() throws Exception {
        KubeSphereWire wire = wire("http://127.0.0.1:" + serve(new HttpServerOptions(), 0) + "/ks/", Duration.ofSeconds(5));
        assertEquals(200, get(wire).status());
        assertEquals("/ks" + VERSION.template(), lastUri);
    }
}
