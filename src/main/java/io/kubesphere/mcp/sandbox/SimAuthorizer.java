package io.kubesphere.mcp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * RBAC in the KubeSphere style, evaluated over the rules stored in the simulated role objects.
 *
 * <p>A request is described by verb, API group, resource[/subresource], name and scope (cluster, workspace or
 * namespace). It is allowed when any of these grants it, checked in order:
 * <ol>
 * <li>the caller reading its own User object (KubeSphere lets every user see itself);</li>
 * <li>the caller's GlobalRole (annotation {@code iam.kubesphere.io/globalrole}) and the shared
 * {@code authenticated} role; anonymous callers get only the empty {@code anonymous} role;</li>
 * <li>for workspace- and namespace-scoped requests, the caller's WorkspaceRoleBinding in the workspace (a
 * namespace's workspace is its {@code kubesphere.io/workspace} label), so workspace admins and viewers reach
 * every project of their workspace;</li>
 * <li>for namespace-scoped requests, the caller's RoleBinding in that namespace.</li>
 * </ol>
 * Built-in rules: platform-admin is {@code *}; platform-self-provisioner adds {@code create workspacetemplates};
 * platform-regular grants nothing beyond {@code authenticated} (list workspaces/clusters, results filtered to
 * memberships by the handlers). Workspace admin is {@code *}; viewer reads everything; regular reads the workspace
 * and its members and lists its projects; self-provisioner additionally creates projects. Namespace admin is
 * {@code *}; operator reads everything and writes pipelines, runs and credentials; viewer reads.
 */
final class SimAuthorizer {

    record Attrs(String verb, String group, String resource, String subresource, String name, String workspace,
            String namespace) {

        static Attrs cluster(String verb, String group, String resource, String name) {
            return new Attrs(verb, group, resource, null, name, null, null);
        }

        static Attrs workspace(String verb, String group, String resource, String name, String ws) {
            return new Attrs(verb, group, resource, null, name, ws, null);
        }

        static Attrs namespace(String verb, String group, String resource, String sub, String name, String ns) {
            return new Attrs(verb, group, resource, sub, name, null, ns);
        }

        String fullResource() {
            return subresource == null ? resource : resource + "/" + subresource;
        }
    }

    private final SimWorld world;

    SimAuthorizer(SimWorld world) {
        this.world = world;
    }

    void check(SimExchange ex, Attrs a) {
        if (!allowed(ex.user, a)) {
            throw forbidden(ex.userName(), a);
        }
    }

    boolean allowed(String user, Attrs a) {
        if (user == null) {
            return roleAllows(world.globalRoles.get("anonymous"), a);
        }
        if ("iam.kubesphere.io".equals(a.group) && "users".equals(a.resource) && a.subresource == null
                && user.equals(a.name) && "get".equals(a.verb)) {
            return true;
        }
        if (globalAllows(user, a) || roleAllows(world.globalRoles.get("authenticated"), a)) {
            return true;
        }
        String ws = a.workspace;
        if (ws == null && a.namespace != null) {
            ws = world.workspaceOfNamespace(a.namespace);
        }
        if (ws != null) {
            SimWorld.Binding b = binding(world.workspaceBindings.get(ws), user);
            if (b != null) {
                ObjectNode role = world.workspaceRoles.get(b.role());
                if (role != null && ws.equals(Json.label(role, SimWorld.LABEL_WORKSPACE)) && roleAllows(role, a)) {
                    return true;
                }
            }
        }
        if (a.namespace != null) {
            SimWorld.Binding b = binding(world.namespaceBindings.get(a.namespace), user);
            if (b != null) {
                Map<String, ObjectNode> roles = world.namespaceRoles.get(a.namespace);
                return roles != null && roleAllows(roles.get(b.role()), a);
            }
        }
        return false;
    }

    /** Only the user's own GlobalRole, e.g. to decide whether a list is unfiltered. */
    boolean globalAllows(String user, Attrs a) {
        String gr = user == null ? null : world.globalRoleOf(user);
        return gr != null && roleAllows(world.globalRoles.get(gr), a);
    }

    private static SimWorld.Binding binding(Map<String, SimWorld.Binding> bindings, String user) {
        return bindings == null ? null : bindings.get(user);
    }

    private static boolean roleAllows(ObjectNode role, Attrs a) {
        if (role == null || !role.has("rules")) {
            return false;
        }
        for (JsonNode rule : role.get("rules")) {
            if (matches(rule.get("verbs"), a.verb) && matches(rule.get("apiGroups"), a.group)
                    && matchesResource(rule.get("resources"), a) && matchesName(rule.get("resourceNames"), a.name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(JsonNode list, String value) {
        if (list == null) {
            return false;
        }
        for (JsonNode n : list) {
            if (n.asText().equals("*") || n.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesResource(JsonNode list, Attrs a) {
        if (list == null) {
            return false;
        }
        String full = a.fullResource();
        for (JsonNode n : list) {
            String r = n.asText();
            if (r.equals("*") || r.equals(full) || (a.subresource != null && r.equals(a.resource + "/*"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesName(JsonNode names, String name) {
        if (names == null || names.isEmpty()) {
            return true;
        }
        return name != null && matches(names, name);
    }

    /** The apiserver's Forbidden Status; workspace scope never shows in the text, as in KubeSphere. */
    static SimError forbidden(String user, Attrs a) {
        String qualified = a.group == null || a.group.isEmpty() ? a.resource : a.resource + "." + a.group;
        String subject = a.name == null ? qualified : qualified + " \"" + a.name + "\"";
        String scope = a.namespace != null ? "in the namespace \"" + a.namespace + "\"" : "at the cluster scope";
        String message = subject + " is forbidden: User \"" + user + "\" cannot " + a.verb + " resource \""
                + a.fullResource() + "\" in API group \"" + (a.group == null ? "" : a.group) + "\" " + scope;
        ObjectNode details = Json.o();
        if (a.name != null) {
            details.put("name", a.name);
        }
        details.put("group", a.group == null ? "" : a.group);
        details.put("kind", a.resource);
        return SimError.status(403, "Forbidden", message, details);
    }
}
