package io.kubesphere.mcp.kubesphere;

import io.kubesphere.mcp.kubesphere.api.VersionApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** KUBESPHERE_PROXY: every KubeSphere request goes through the configured HTTP proxy. */
@QuarkusTest
@TestProfile(KubeSphereProxyTest.Proxied.class)
class KubeSphereProxyTest {

    /** A stand-in proxy that answers itself and records the absolute URIs it is asked for. */
    static final class Proxy {
        static final List<String> SEEN = new CopyOnWriteArrayList<>();
        static final int PORT;

        static {
            try {
                HttpServer server = Vertx.vertx().createHttpServer().requestHandler(req -> {
                    SEEN.add(req.method() + " " + req.uri() + " " + req.getHeader("Authorization"));
                    req.response().putHeader("Content-Type", "application/json").end("{}");
                });
                PORT = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS)
                        .actualPort();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static class Proxied implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kubesphere.proxy", "http://127.0.0.1:" + Proxy.PORT);
        }
    }

    @Inject
    KubeSphereClient client;

    @Test
    void requestsGoThroughTheProxy() {
        // Nothing listens on port 1: the answer can only come from the proxy.
        assertEquals(200, KubeSphereRestTest.get(client.build(VersionApi.class, "http://127.0.0.1:1")));
        assertEquals(List.of("GET http://127.0.0.1:1/kapis/version Bearer x"), Proxy.SEEN);
    }
}
