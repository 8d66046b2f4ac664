package io.kubesphere.mcp.mcp;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * /q/health and /q/metrics get the Host check of /mcp (DNS rebinding would otherwise let a web page read them), with
 * IP addresses accepted besides: Kubernetes probes and Prometheus name the pod by its IP (see {@link HeaderGuard}).
 */
@ApplicationScoped
public class ManagementHosts {

    private static final String ROOT = "/q/";

    void register(@Observes Filters filters, HeaderGuard guard) {
        filters.register(context -> {
            String path = context.normalizedPath();
            if (path.startsWith(ROOT) && !guard.managementHostAllowed(context.request().host())) {
                context.response().setStatusCode(421).putHeader("Content-Type", "text/plain")
                        .end("Invalid Host header: add the name to KS_MCP_HTTP_ALLOWED_HOSTS to reach " + path
                                + " by it.");
                return;
            }
            context.next();
        }, 100);
    }
}
