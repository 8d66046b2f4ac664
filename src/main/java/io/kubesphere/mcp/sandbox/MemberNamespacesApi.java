package io.kubesphere.mcp.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.sandbox.SimAuthorizer.Attrs;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /kapis/tenant.kubesphere.io/v1beta1/workspaces/{ws}/workspacemembers/{m}/namespaces} (KS v4.1.3 tenant
 * ListNamespaces with the member as the user): when the member may list namespaces (core group) in the workspace, every
 * namespace labelled with it; otherwise the namespaces of the workspace where the member has a RoleBinding. DevOps
 * project namespaces are namespaces too. Paged like any list.
 */
final class MemberNamespacesApi {
    private static final String T = "/kapis/tenant.kubesphere.io/v1beta1";

    private final SimWorld w;
    private final SimAuthorizer authz;

    MemberNamespacesApi(SimWorld w, SimAuthorizer authz) {
        this.w = w;
        this.authz = authz;
    }

    void register(SimRouter r) {
        r.add("GET", T + "/workspaces/{ws}/workspacemembers/{m}/namespaces", this::list);
    }

    private SimResponse list(SimExchange ex) {
        String ws = ex.param("ws");
        String member = ex.param("m");
        authz.check(ex, new Attrs("get", TenantApi.GROUP, "workspacemembers", "namespaces", member, ws, null));
        boolean all = authz.allowed(member, Attrs.workspace("list", "", "namespaces", null, ws));
        List<ObjectNode> items = new ArrayList<>();
        w.namespaces.forEach((name, ns) -> {
            if (ws.equals(Json.label(ns, SimWorld.LABEL_WORKSPACE))
                    && (all || w.namespaceBindings.getOrDefault(name, java.util.Map.of()).containsKey(member))) {
                items.add(ns);
            }
        });
        return SimResponse.ok(SimList.body(SimList.apply(items, ex.query), false));
    }
}
