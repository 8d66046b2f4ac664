package io.kubesphere.mcp.devops;

import io.kubesphere.mcp.kubesphere.Route;
import io.kubesphere.mcp.kubesphere.api.Routes;

import java.util.Arrays;

/**
 * Every ks-devops API method comes in two forms: as is, and under {@code /clusters/{cluster}} (the v4 multi-cluster
 * prefix). A tool declares both, so both are on the allowlist, and picks one per call with {@link #on}.
 */
final class Scoped {

    private Scoped() {
    }

    /** Both forms of each named method of {@code api}, for {@code ToolDefinition.Builder.routes}. */
    static Route[] routes(Class<?> api, String... methods) {
        return Arrays.stream(methods).flatMap(m -> Arrays.stream(Routes.of(api, m))).toArray(Route[]::new);
    }

    /** Whether the optional {@code cluster} argument asks for the /clusters/{cluster} form. */
    static boolean on(String cluster) {
        return cluster != null && !cluster.isBlank();
    }
}
