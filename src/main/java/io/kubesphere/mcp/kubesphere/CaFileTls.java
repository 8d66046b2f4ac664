package io.kubesphere.mcp.kubesphere;

import io.quarkus.tls.BaseTlsConfiguration;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TrustOptions;

import java.util.Optional;

/**
 * KUBESPHERE_CA_FILE as a TLS registry configuration: trust exactly the CA certificates in that PEM file for
 * ks-apiserver, and check its host name. Registered as {@code kubesphere} unless the operator configured
 * {@code quarkus.tls.kubesphere.*} directly.
 */
final class CaFileTls extends BaseTlsConfiguration {

    private final String pemFile;

    CaFileTls(String pemFile) {
        this.pemFile = pemFile;
    }

    @Override
    public TrustOptions getTrustStoreOptions() {
        return new PemTrustOptions().addCertPath(pemFile);
    }

    @Override
    public Optional<String> getHostnameVerificationAlgorithm() {
        return Optional.of("HTTPS");
    }
}
