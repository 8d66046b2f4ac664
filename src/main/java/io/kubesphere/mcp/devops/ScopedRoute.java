package io.kubesphere.mcp.devops;

import io.kubesphere.mcp.kubesphere.KsCall;
import io.kubesphere.mcp.kubesphere.Route;

import java.util.Arrays;

/**
 * A ks-devops route in both forms: as is, and under {@code /clusters/{cluster}} (the v4 multi-cluster prefix). Both are
 * declared, so both are on the allowlist; {@link #call} picks the one the optional {@code cluster} argument asks for.
 */
record ScopedRoute(Route plain, Route clustered) {

    static final String DEVOPS = "/kapis/devops.kubesphere.io";

    static ScopedRoute get(String template) {
        return new ScopedRoute(Route.get(template), Route.get("/clusters/{cluster}" + template));
    }

    static ScopedRoute post(String template) {
        return new ScopedRoute(Route.post(template), Route.post("/clusters/{cluster}" + template));
    }

    static ScopedRoute put(String template) {
        return new ScopedRoute(Route.put(template), Route.put("/clusters/{cluster}" + template));
    }

    /** The same routes, declared as producing {@code mediaType}. */
    ScopedRoute produces(String mediaType) {
        return new ScopedRoute(plain.produces(mediaType), clustered.produces(mediaType));
    }

    KsCall call(String cluster, String... pathKeyValues) {
        if (cluster == null || cluster.isBlank()) {
            return KsCall.of(plain, pathKeyValues);
        }
        String[] withCluster = Arrays.copyOf(pathKeyValues, pathKeyValues.length + 2);
        withCluster[pathKeyValues.length] = "cluster";
        withCluster[pathKeyValues.length + 1] = cluster;
        return KsCall.of(clustered, withCluster);
    }

    /** Every route of the given scoped routes, for {@code ToolDefinition.Builder.routes}. */
    static Route[] all(ScopedRoute... routes) {
        return Arrays.stream(routes).flatMap(r -> java.util.stream.Stream.of(r.plain, r.clustered))
                .toArray(Route[]::new);
    }
}
