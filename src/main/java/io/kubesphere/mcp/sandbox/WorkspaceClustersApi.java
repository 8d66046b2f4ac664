package io.kubesphere.mcp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.sandbox.SimAuthorizer.Attrs;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /kapis/tenant.kubesphere.io/v1beta1/workspaces/{ws}/clusters} (KS v4.1.3 tenant ListWorkspaceClusters):
 * the template's placement clusters that exist (missing ones are skipped), every cluster for a cluster selector, none
 * without placement; a missing workspace is 404, any other failure 500. Not paged: ListResult of Cluster objects.
 */
final class WorkspaceClustersApi {
    private static final String T = "/kapis/tenant.kubesphere.io/v1beta1";

    private final SimWorld w;
    private final SimAuthorizer authz;

    WorkspaceClustersApi(SimWorld w, SimAuthorizer authz) {
        this.w = w;
        this.authz = authz;
    }

    void register(SimRouter r) {
        r.add("GET", T + "/workspaces/{ws}/clusters", this::list);
    }

    private SimResponse list(SimExchange ex) {
        String ws = ex.param("ws");
        authz.check(ex, Attrs.workspace("list", TenantApi.GROUP, "clusters", null, ws));
        ObjectNode template = w.workspaceTemplates.get(ws);
        if (template == null) {
            throw SimError.notFound("WorkspaceTemplate.tenant.kubesphere.io \"" + ws + "\" not found");
        }
        JsonNode placement = template.path("spec").path("placement");
        List<ObjectNode> items = new ArrayList<>();
        if (placement.path("clusters").isArray()) {
            for (JsonNode c : placement.get("clusters")) {
                ObjectNode cluster = w.clusters.get(c.path("name").asText());
                if (cluster != null) {
                    items.add(cluster);
                }
            }
        } else if (placement.has("clusterSelector")) {
            items.addAll(w.clusters.values());
        }
        return SimResponse.ok(SimList.body(new SimList.Page(items, items.size()), false));
    }
}
