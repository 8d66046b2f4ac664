package io.kubesphere.mcp.policy;

import io.kubesphere.mcp.catalog.ToolCatalog;
import io.kubesphere.mcp.catalog.ToolDefinition;
import io.kubesphere.mcp.kubesphere.Route;
import io.kubesphere.mcp.kubesphere.UpstreamGuard;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The upstream allowlist is the union of the routes declared by the tools this instance offers: a read-only server
 * cannot send a single write, and a disabled toolset's routes are closed too.
 */
public class GuardProducer {

    @Produces
    @Singleton
    UpstreamGuard guard(ToolCatalog catalog) {
        Set<Route> routes = new LinkedHashSet<>();
        for (ToolDefinition<?, ?> tool : catalog.enabled()) {
            routes.addAll(tool.routes());
        }
        return new UpstreamGuard(routes);
    }
}
