package io.kubesphere.mcp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.sandbox.SimAuthorizer.Attrs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** tenant.kubesphere.io/v1beta1: clusters, workspace templates, workspaces and their namespaces. */
final class TenantApi {
    static final String GROUP = "tenant.kubesphere.io";
    private static final String T = "/kapis/tenant.kubesphere.io/v1beta1";
    static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private final SimWorld w;
    private final SimAuthorizer authz;

    TenantApi(SimWorld w, SimAuthorizer authz) {
        this.w = w;
        this.authz = authz;
    }

    void register(SimRouter r) {
        r.add("GET", T + "/clusters", this::listClusters);
        r.add("GET", T + "/workspacetemplates", ex -> listWorkspaces(ex, true));
        r.add("POST", T + "/workspacetemplates", this::createWorkspace);
        r.add("GET", T + "/workspacetemplates/{ws}", ex -> getWorkspace(ex, true));
        r.add("GET", T + "/workspaces", ex -> listWorkspaces(ex, false));
        // Other verbs on /workspaces are aliases of the template operations in v4.
        r.add("POST", T + "/workspaces", this::createWorkspace);
        r.add("GET", T + "/workspaces/{ws}", ex -> getWorkspace(ex, false));
        r.add("GET", T + "/workspaces/{ws}/namespaces", this::listNamespaces);
        r.add("POST", T + "/workspaces/{ws}/namespaces", this::createNamespace);
        r.add("GET", T + "/workspaces/{ws}/namespaces/{ns}", this::getNamespace);
    }

    private SimResponse listClusters(SimExchange ex) {
        authz.check(ex, Attrs.cluster("list", GROUP, "clusters", null));
        List<ObjectNode> items = new ArrayList<>();
        if (authz.globalAllows(ex.user, Attrs.cluster("list", "cluster.kubesphere.io", "clusters", null))) {
            items.addAll(w.clusters.values());
        } else {
            Set<String> visible = visibleClusters(ex.user, "true".equals(ex.q("roleBindingExists")));
            w.clusters.forEach((name, c) -> {
                if (visible.contains(name)) {
                    items.add(c);
                }
            });
        }
        return SimResponse.ok(SimList.body(SimList.apply(items, ex.query), false));
    }

    /** Non-admins: clusters granted by annotation, placed under their workspaces, or holding their bindings. */
    private Set<String> visibleClusters(String user, boolean roleBindingExists) {
        Set<String> out = new LinkedHashSet<>();
        ObjectNode u = w.users.get(user);
        String granted = u == null ? null : Json.annotation(u, SimWorld.ANN_GRANTED_CLUSTERS);
        if (granted != null) {
            for (String c : granted.split(",")) {
                out.add(c.trim());
            }
        }
        for (String ws : w.workspacesOf(user)) {
            for (JsonNode c : w.workspaceTemplates.get(ws).path("spec").path("placement").path("clusters")) {
                out.add(c.path("name").asText());
            }
        }
        if (roleBindingExists) {
            w.namespaceBindings.forEach((ns, b) -> {
                if (b.containsKey(user)) {
                    out.add("host");
                }
            });
        }
        return out;
    }

    private SimResponse listWorkspaces(SimExchange ex, boolean templates) {
        String resource = templates ? "workspacetemplates" : "workspaces";
        authz.check(ex, Attrs.cluster("list", GROUP, resource, null));
        boolean all = authz.globalAllows(ex.user, Attrs.cluster("list", GROUP, resource, null));
        List<String> mine = ex.user == null ? List.of() : w.workspacesOf(ex.user);
        List<ObjectNode> items = new ArrayList<>();
        w.workspaceTemplates.forEach((name, t) -> {
            if (!all && !mine.contains(name)) {
                return;
            }
            if (templates) {
                items.add(t);
            } else if (hasPlacement(t)) {
                items.add(workspaceOf(t));
            }
        });
        return SimResponse.ok(SimList.body(SimList.apply(items, ex.query), false));
    }

    private SimResponse getWorkspace(SimExchange ex, boolean template) {
        String ws = ex.param("ws");
        String resource = template ? "workspacetemplates" : "workspaces";
        authz.check(ex, Attrs.workspace("get", GROUP, resource, ws, ws));
        ObjectNode t = w.workspaceTemplates.get(ws);
        if (template) {
            if (t == null) {
                throw SimError.notFound("WorkspaceTemplate.tenant.kubesphere.io \"" + ws + "\" not found");
            }
            return SimResponse.ok(t);
        }
        // A Workspace only exists where the template is placed.
        if (t == null || !hasPlacement(t)) {
            throw SimError.notFound("Workspace.tenant.kubesphere.io \"" + ws + "\" not found");
        }
        return SimResponse.ok(workspaceOf(t));
    }

    private static boolean hasPlacement(ObjectNode t) {
        JsonNode clusters = t.path("spec").path("placement").path("clusters");
        return clusters.isArray() && !clusters.isEmpty();
    }

    /** The Workspace the template controller renders into each placed cluster. */
    private ObjectNode workspaceOf(ObjectNode t) {
        String ws = Json.name(t);
        ObjectNode tmeta = Json.meta(t);
        ObjectNode meta = Json.o("name", ws,
                "uid", UUID.nameUUIDFromBytes(("workspace/" + ws).getBytes(StandardCharsets.UTF_8)).toString(),
                "resourceVersion", tmeta.path("resourceVersion").asText(),
                "generation", 1,
                "creationTimestamp", tmeta.path("creationTimestamp").asText(),
                "labels", Json.o("kubefed.io/managed", "false"));
        JsonNode ann = t.path("spec").path("template").path("metadata").path("annotations");
        meta.set("annotations", ann.isObject() ? ann.deepCopy() : Json.o());
        if (tmeta.has("annotations")) {
            tmeta.get("annotations").fields().forEachRemaining(e -> ((ObjectNode) meta.get("annotations"))
                    .putIfAbsent(e.getKey(), e.getValue()));
        }
        meta.set("ownerReferences", Json.a(Json.o("apiVersion", SimWorld.TENANT_V1BETA1, "kind",
                "WorkspaceTemplate", "name", ws, "uid", tmeta.path("uid").asText(), "controller", true,
                "blockOwnerDeletion", true)));
        meta.set("finalizers", Json.a("finalizers.tenant.kubesphere.io"));
        JsonNode spec = t.path("spec").path("template").path("spec");
        return Json.o("kind", "Workspace", "apiVersion", SimWorld.TENANT_V1BETA1, "metadata", meta,
                "spec", spec.isObject() ? spec.deepCopy() : Json.o(), "status", Json.o());
    }

    private SimResponse createWorkspace(SimExchange ex) {
        authz.check(ex, Attrs.cluster("create", GROUP, "workspacetemplates", null));
        ObjectNode body = ex.readObject("v1beta1.WorkspaceTemplate");
        String ws = Json.name(body);
        String invalid = "WorkspaceTemplate.tenant.kubesphere.io \"" + (ws == null ? "" : ws) + "\" is invalid: ";
        if (ws == null || ws.isEmpty()) {
            throw SimError.badRequest(invalid + "metadata.name: Required value: name or generateName is required");
        }
        if (!DNS1123_LABEL.matcher(ws).matches() || ws.length() > 63) {
            throw SimError.badRequest(invalid + "metadata.name: Invalid value: \"" + ws
                    + "\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
                    + "and must start and end with an alphanumeric character");
        }
        boolean admin = authz.globalAllows(ex.user, Attrs.cluster("delete", GROUP, "workspacetemplates", null));
        for (JsonNode c : body.path("spec").path("placement").path("clusters")) {
            String cluster = c.path("name").asText();
            ObjectNode obj = w.clusters.get(cluster);
            if (obj == null) {
                throw SimError.notFound("Cluster.cluster.kubesphere.io \"" + cluster + "\" not found");
            }
            if (!admin && !"public".equals(Json.label(obj, "cluster.kubesphere.io/visibility"))) {
                throw SimError.text(403, "clusters.cluster.kubesphere.io \"" + cluster
                        + "\" is forbidden: user is not allowed to use the cluster " + cluster);
            }
        }
        String manager = Json.str(body, "spec", "template", "spec", "manager");
        if (manager != null && !manager.isEmpty() && !manager.equals(ex.user) && !admin) {
            throw SimError.text(403, "workspacetemplates.tenant.kubesphere.io \"" + ws + "\" is forbidden: user \""
                    + ex.userName() + "\" is not allowed to assign the workspace manager to another user");
        }
        // AlreadyExists is 400 here, not 409: the tenant handler maps every non-NotFound error to 400.
        if (w.workspaceTemplates.containsKey(ws)) {
            throw SimError.badRequest("workspacetemplates.tenant.kubesphere.io \"" + ws + "\" already exists");
        }
        ObjectNode clean = Json.o("metadata", Json.meta(body).deepCopy(),
                "spec", body.path("spec").isObject() ? body.get("spec").deepCopy() : Json.o());
        return SimResponse.ok(w.addWorkspaceTemplate(clean, w.now()));
    }

    private SimResponse listNamespaces(SimExchange ex) {
        String ws = ex.param("ws");
        authz.check(ex, Attrs.workspace("list", GROUP, "namespaces", null, ws));
        List<ObjectNode> items = new ArrayList<>();
        w.namespaces.forEach((name, ns) -> {
            if (ws.equals(Json.label(ns, SimWorld.LABEL_WORKSPACE))
                    && authz.allowed(ex.user, new Attrs("get", GROUP, "namespaces", null, name, ws, name))) {
                items.add(ns);
            }
        });
        return SimResponse.ok(SimList.body(SimList.apply(items, ex.query), false));
    }

    private SimResponse createNamespace(SimExchange ex) {
        String ws = ex.param("ws");
        authz.check(ex, Attrs.workspace("create", GROUP, "namespaces", null, ws));
        ObjectNode body = ex.readObject("v1.Namespace");
        String name = Json.name(body);
        if (name == null || name.isEmpty()) {
            throw SimError.badRequest("Namespace \"\" is invalid: metadata.name: Required value: "
                    + "name or generateName is required");
        }
        if (!DNS1123_LABEL.matcher(name).matches() || name.length() > 63) {
            throw SimError.badRequest("Namespace \"" + name + "\" is invalid: metadata.name: Invalid value: \""
                    + name + "\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters "
                    + "or '-', and must start and end with an alphanumeric character");
        }
        // The workspace itself is deliberately not checked: v4 only stamps the label.
        if (w.namespaces.containsKey(name)) {
            throw SimError.badRequest("namespaces \"" + name + "\" already exists");
        }
        return SimResponse.ok(w.addNamespace(body, ws, w.now()));
    }

    private SimResponse getNamespace(SimExchange ex) {
        String ws = ex.param("ws");
        String name = ex.param("ns");
        authz.check(ex, new Attrs("get", GROUP, "namespaces", null, name, ws, name));
        ObjectNode ns = w.namespaces.get(name);
        if (ns == null || !ws.equals(Json.label(ns, SimWorld.LABEL_WORKSPACE))) {
            throw SimError.notFound("namespace \"" + name + "\" not found");
        }
        return SimResponse.ok(ns);
    }
}
