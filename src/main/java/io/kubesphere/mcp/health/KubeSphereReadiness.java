package io.kubesphere.mcp.health;

import io.kubesphere.mcp.config.ServerConfig;
import io.kubesphere.mcp.kubesphere.Credentials;
import io.kubesphere.mcp.kubesphere.KubeSphereClient;
import io.kubesphere.mcp.kubesphere.KubeSphereEndpoint;
import io.kubesphere.mcp.kubesphere.KubeSphereError;
import io.kubesphere.mcp.kubesphere.ServerCredentials;
import io.kubesphere.mcp.kubesphere.UpstreamGuard;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Ready = KubeSphere answers, and with the server's own credentials also that they log in. In passthrough mode there
 * are no credentials to check: any HTTP answer (even 401/403 to an anonymous request) proves ks-apiserver is there.
 * The probe request ({@code GET /kapis/version}) goes through the same guarded client as every tool call, and a
 * result is reused for a few seconds so that probes cannot turn into a flood of KubeSphere requests.
 */
@Readiness
@ApplicationScoped
public class KubeSphereReadiness implements AsyncHealthCheck {

    private static final Logger LOG = Logger.getLogger(KubeSphereReadiness.class);
    static final String NAME = "kubesphere";
    private static final long REUSE_NANOS = 5_000_000_000L;

    /** No Authorization header at all: KubeSphere treats the request as system:anonymous. */
    private static final Credentials ANONYMOUS = new Credentials() {
        @Override
        public Uni<String> authorization() {
            return Uni.createFrom().nullItem();
        }

        @Override
        public Uni<String> reauthorize(String rejected) {
            return Uni.createFrom().failure(new KubeSphereError(KubeSphereError.Kind.UNAUTHORIZED, 401, "", "401"));
        }

        @Override
        public Optional<String> username() {
            return Optional.empty();
        }
    };

    private record Checked(HealthCheckResponse response, long at) {
    }

    private final ServerConfig config;
    private final KubeSphereEndpoint endpoint;
    private final KubeSphereClient client;
    private final ServerCredentials credentials;
    private volatile Checked last;

    public KubeSphereReadiness(ServerConfig config, KubeSphereEndpoint endpoint, KubeSphereClient client,
            ServerCredentials credentials) {
        this.config = config;
        this.endpoint = endpoint;
        this.client = client;
        this.credentials = credentials;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        Checked previous = last;
        if (previous != null && System.nanoTime() - previous.at() < REUSE_NANOS) {
            return Uni.createFrom().item(previous.response());
        }
        Optional<String> problem = endpoint.problem();
        if (problem.isPresent()) {
            return Uni.createFrom().item(base().down().withData("reason", "KubeSphere is not configured").build());
        }
        boolean passthrough = config.auth() == ServerConfig.Auth.passthrough;
        Credentials using = passthrough ? ANONYMOUS : credentials.get();
        return client.call(using, auth -> client.version().version(auth), call -> {
                })
                .map(version -> base().up().build())
                .onFailure().recoverWithItem(failure -> verdict(failure, passthrough))
                .invoke(response -> last = new Checked(response, System.nanoTime()));
    }

    private HealthCheckResponse verdict(Throwable failure, boolean passthrough) {
        if (!(failure instanceof KubeSphereError error)) {
            LOG.warnf("not ready: %s", failure.toString());
            return base().down().withData("reason", failure.getClass().getSimpleName()).build();
        }
        int status = error.status();
        boolean answered = status > 0 && status < 500;
        boolean credentialsRejected = error.kind() == KubeSphereError.Kind.UNAUTHORIZED
                || error.kind() == KubeSphereError.Kind.RATE_LIMITED;
        if (answered && (passthrough || !credentialsRejected)) {
            // Reachable; with server credentials a 403 on the version route still means they were accepted.
            return base().up().withData("answered", status).build();
        }
        // The full message names the KubeSphere URL: it goes to the log, the probe answer says only what happened.
        LOG.warnf("not ready: %s", error.getMessage());
        return base().down().withData("reason", reason(error)).build();
    }

    private static String reason(KubeSphereError error) {
        return switch (error.kind()) {
            case UNREACHABLE -> "KubeSphere is unreachable";
            case TIMEOUT -> "KubeSphere did not answer in time";
            case UNAUTHORIZED, RATE_LIMITED -> "KubeSphere refused the server's credentials (" + error.status() + ")";
            default -> error.status() > 0 ? "KubeSphere answered " + error.status() : "KubeSphere request failed";
        };
    }

    /** Probes are unauthenticated: no URL and no version here (the log has them), only how the server runs. */
    private HealthCheckResponseBuilder base() {
        return HealthCheckResponse.named(NAME).withData("auth", config.auth().name())
                .withData("kubesphere", config.sandbox() ? "sandbox"
                        : endpoint.problem().isPresent() ? "not configured" : "configured");
    }
}
