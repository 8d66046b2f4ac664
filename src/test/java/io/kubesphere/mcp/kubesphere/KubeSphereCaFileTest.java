package io.kubesphere.mcp.kubesphere;

import io.kubesphere.mcp.kubesphere.api.VersionApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** KUBESPHERE_CA_FILE: a private CA is trusted through the TLS registry, for ks-apiserver only, host name checked. */
@QuarkusTest
@TestProfile(KubeSphereCaFileTest.PrivateCa.class)
class KubeSphereCaFileTest {

    /** ks-apiserver's self-signed certificate (CN and SAN localhost), and the same certificate as the CA file. */
    static final class Tls {
        static final Path KEYSTORE;
        static final Path CA_PEM;

        static {
            try {
                KEYSTORE = KubeSphereRestTest.selfSignedKeystore();
                CA_PEM = KEYSTORE.resolveSibling("ca.pem");
                Process export = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                        "-exportcert", "-rfc", "-alias", "ks", "-keystore", KEYSTORE.toString(), "-storetype", "PKCS12",
                        "-storepass", "changeit", "-file", CA_PEM.toString()).redirectErrorStream(true).start();
                if (export.waitFor() != 0 || !Files.exists(CA_PEM)) {
                    throw new IllegalStateException(new String(export.getInputStream().readAllBytes()));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static class PrivateCa implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kubesphere.ca.file", Tls.CA_PEM.toString());
        }
    }

    @Inject
    Vertx vertx;

    @Inject
    KubeSphereClient client;

    private final List<HttpServer> servers = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    @AfterEach
    void stop() throws Exception {
        for (HttpServer server : servers) {
            server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCertificateSignedByTheConfiguredCaIsAccepted() throws Exception {
        int port = KubeSphereRestTest.serve(vertx, servers, KubeSphereRestTest.tls(Tls.KEYSTORE), 0, connections,
                requests, r -> {
                });
        assertEquals(200, KubeSphereRestTest.get(client.build(VersionApi.class, "https://localhost:" + port)));
    }

    /** The certificate names localhost: reached as 127.0.0.1, the host name check refuses it although the CA is trusted. */
    @Test
    void theHostNameIsStillChecked() throws Exception {
        int port = KubeSphereRestTest.serve(vertx, servers, KubeSphereRestTest.tls(Tls.KEYSTORE), 0, connections,
                requests, r -> {
                });
        VersionApi api = client.build(VersionApi.class, "https://127.0.0.1:" + port);
        assertThrows(Throwable.class, () -> KubeSphereRestTest.get(api));
        assertEquals(0, requests.get());
    }
}
