package io.kubesphere.mcp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.sandbox.SimAuthorizer.Attrs;
import java.util.ArrayList;
import java.util.List;

/**
 * iam.kubesphere.io/v1beta1 routes added for issue 16: cluster members (KS v4.1.3 iam handler ListClusterMembers),
 * cluster roles (the dynamic resource handler: Kubernetes List, total in metadata.continue) and a user's login
 * records (im.ListLoginRecords: the label iam.kubesphere.io/user-ref selects them; an unknown user has none).
 */
final class ClusterIamApi {
    private static final String I = "/kapis/iam.kubesphere.io/v1beta1";
    static final String ANN_CLUSTERROLE = "iam.kubesphere.io/clusterrole";

    private final SimWorld w;
    private final SimAuthorizer authz;

    ClusterIamApi(SimWorld w, SimAuthorizer authz) {
        this.w = w;
        this.authz = authz;
    }

    void register(SimRouter r) {
        r.add("GET", I + "/clustermembers", this::listClusterMembers);
        r.add("GET", I + "/clusterroles", this::listClusterRoles);
        r.add("GET", I + "/users/{u}/loginrecords", this::listLoginRecords);
    }

    /** User stubs named after the binding's subject, the role in an annotation; paged and filtered by DefaultList. */
    private SimResponse listClusterMembers(SimExchange ex) {
        authz.check(ex, Attrs.cluster("list", IamApi.GROUP, "clustermembers", null));
        String role = ex.q("clusterrole");
        List<ObjectNode> items = new ArrayList<>();
        w.clusterBindings.forEach((user, b) -> {
            if (role == null || role.isEmpty() || role.equals(b.role())) {
                items.add(Json.o("metadata", Json.o("name", user, "annotations",
                        Json.o(ANN_CLUSTERROLE, b.role())), "spec", Json.o("email", ""), "status", Json.o()));
            }
        });
        ObjectNode body = SimList.body(SimList.apply(items, ex.query), false);
        for (JsonNode item : body.withArray("items")) {
            ((ObjectNode) item.get("metadata")).set("creationTimestamp", NullNode.instance);
        }
        return SimResponse.ok(body);
    }

    private SimResponse listClusterRoles(SimExchange ex) {
        authz.check(ex, Attrs.cluster("list", IamApi.GROUP, "clusterroles", null));
        return SimResponse.ok(SimList.kubeList(SimList.apply(new ArrayList<>(w.clusterRoles.values()), ex.query),
                ex.query));
    }

    private SimResponse listLoginRecords(SimExchange ex) {
        String user = ex.param("u");
        authz.check(ex, new Attrs("list", IamApi.GROUP, "users", "loginrecords", user, null, null));
        List<ObjectNode> items = new ArrayList<>();
        for (ObjectNode record : w.loginRecords) {
            if (user.equals(Json.label(record, "iam.kubesphere.io/user-ref"))) {
                items.add(record);
            }
        }
        return SimResponse.ok(SimList.body(SimList.apply(items, ex.query), false));
    }
}
