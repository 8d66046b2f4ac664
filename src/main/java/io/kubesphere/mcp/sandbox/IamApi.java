package io.kubesphere.mcp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.sandbox.SimAuthorizer.Attrs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** iam.kubesphere.io/v1beta1: users, workspace/namespace members and the three role scopes. */
final class IamApi {
    static final String GROUP = "iam.kubesphere.io";
    private static final String I = "/kapis/iam.kubesphere.io/v1beta1";
    static final String ANN_WORKSPACEROLE = "iam.kubesphere.io/workspacerole";
    static final String ANN_ROLE = "iam.kubesphere.io/role";
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}$");
    private static final Pattern DNS1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private final SimWorld w;
    private final SimAuthorizer authz;

    IamApi(SimWorld w, SimAuthorizer authz) {
        this.w = w;
        this.authz = authz;
    }

    void register(SimRouter r) {
        r.add("GET", I + "/users", this::listUsers);
        r.add("POST", I + "/users", this::createUser);
        r.add("GET", I + "/users/{u}", this::getUser);
        r.add("PUT", I + "/users/{u}", this::updateUser);
        r.add("GET", I + "/globalroles", this::listGlobalRoles);
        r.add("GET", I + "/globalroles/{r}", this::getGlobalRole);
        r.add("GET", I + "/workspaces/{ws}/workspaceroles", this::listWorkspaceRoles);
        r.add("GET", I + "/workspaces/{ws}/workspacemembers", this::listWorkspaceMembers);
        r.add("POST", I + "/workspaces/{ws}/workspacemembers", this::createWorkspaceMembers);
        r.add("GET", I + "/workspaces/{ws}/workspacemembers/{m}", this::getWorkspaceMember);
        r.add("PUT", I + "/workspaces/{ws}/workspacemembers/{m}", this::updateWorkspaceMember);
        r.add("DELETE", I + "/workspaces/{ws}/workspacemembers/{m}", this::deleteWorkspaceMember);
        r.add("GET", I + "/namespaces/{ns}/roles", this::listNamespaceRoles);
        r.add("GET", I + "/namespaces/{ns}/namespacemembers", this::listNamespaceMembers);
        r.add("POST", I + "/namespaces/{ns}/namespacemembers", this::createNamespaceMembers);
        // v4 has no GET of a single namespace member (v3.4 did), so GET here answers 405.
        r.add("PUT", I + "/namespaces/{ns}/namespacemembers/{m}", this::updateNamespaceMember);
        r.add("DELETE", I + "/namespaces/{ns}/namespacemembers/{m}", this::deleteNamespaceMember);
    }

    // ---------- users ----------

    private SimResponse listUsers(SimExchange ex) {
        authz.check(ex, Attrs.cluster("list", GROUP, "users", null));
        String globalRole = ex.q("globalrole");
        if (globalRole != null && !globalRole.isEmpty()) {
            // listUserByGlobalRole: every holder, in binding order; page, limit, name and sorting are ignored.
            List<ObjectNode> holders = new ArrayList<>();
            for (ObjectNode u : w.users.values()) {
                if (globalRole.equals(Json.annotation(u, SimWorld.ANN_GLOBALROLE))) {
                    holders.add(u);
                }
            }
            return SimResponse.ok(SimList.body(new SimList.Page(holders, holders.size()), false));
        }
        return SimResponse.ok(SimList.body(SimList.apply(new ArrayList<>(w.users.values()), ex.query), false));
    }

    private SimResponse getUser(SimExchange ex) {
        String name = ex.param("u");
        authz.check(ex, Attrs.cluster("get", GROUP, "users", name));
        return SimResponse.ok(requireUser(name));
    }

    private ObjectNode requireUser(String name) {
        ObjectNode u = w.users.get(name);
        if (u == null) {
            throw SimError.notFound("User.iam.kubesphere.io \"" + name + "\" not found");
        }
        return u;
    }

    private SimResponse createUser(SimExchange ex) {
        authz.check(ex, Attrs.cluster("create", GROUP, "users", null));
        ObjectNode body = ex.readObject("v1beta1.User");
        String name = Json.name(body);
        String shown = name == null ? "" : name;
        String invalid = "User.iam.kubesphere.io \"" + shown + "\" is invalid: ";
        String globalRole = Json.annotation(body, SimWorld.ANN_GLOBALROLE);
        if (globalRole != null && !globalRole.isEmpty() && !w.globalRoles.containsKey(globalRole)) {
            throw SimError.notFound("GlobalRole.iam.kubesphere.io \"" + globalRole + "\" not found");
        }
        if (name == null || name.isEmpty()) {
            throw SimError.text(422, invalid + "metadata.name: Required value: name or generateName is required");
        }
        if (!DNS1123_SUBDOMAIN.matcher(name).matches() || name.length() > 253) {
            throw SimError.text(422, invalid + "metadata.name: Invalid value: \"" + name
                    + "\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' "
                    + "or '.', and must start and end with an alphanumeric character");
        }
        String email = Json.str(body, "spec", "email");
        if (email == null || email.isEmpty()) {
            throw SimError.text(422, invalid + "spec.email: Required value");
        }
        String password = Json.str(body, "spec", "password");
        if (password != null && !password.isEmpty()) {
            String problem = passwordProblem(password);
            if (problem != null) {
                // Real KubeSphere echoes the rejected password here; the simulator redacts it so that no
                // secret can leak into client logs or test output.
                throw SimError.text(422, invalid + "spec.password: Invalid value: \"[redacted]\": " + problem);
            }
        }
        checkEmail(email, null);
        if (w.users.containsKey(name)) {
            throw SimError.text(409, "users.iam.kubesphere.io \"" + name + "\" already exists");
        }
        Instant now = w.now();
        ObjectNode meta = Json.meta(body).deepCopy();
        meta.set("finalizers", Json.a("finalizers.kubesphere.io/users"));
        ObjectNode spec = body.get("spec").deepCopy();
        spec.remove("password");
        ObjectNode obj = Json.o("metadata", meta, "spec", spec);
        if (password != null && !password.isEmpty()) {
            Json.annotations(obj).put(SimWorld.ANN_PASSWORD_CHANGE, Json.ts(now));
            w.passwordHashes.put(name, w.hashPassword(password));
        }
        obj.set("status", Json.o("state", "Active", "lastTransitionTime", Json.ts(now)));
        ObjectNode stored = w.stamp(obj, "User", SimWorld.IAM_V1BETA1, null, now);
        w.users.put(name, stored);
        return SimResponse.ok(stored);
    }

    /** CRD schema for spec.password: 8-64 chars with lower, upper and digit, or a bcrypt hash. */
    static String passwordProblem(String password) {
        if (BCRYPT.matcher(password).matches()) {
            return null;
        }
        if (password.length() < 8) {
            return "spec.password in body should be at least 8 chars long";
        }
        if (password.length() > 64) {
            return "spec.password in body should be at most 64 chars long";
        }
        if (!password.matches("(?s).*[a-z].*") || !password.matches("(?s).*[A-Z].*")
                || !password.matches("(?s).*[0-9].*")) {
            return "spec.password in body should match "
                    + "'^(?=.*[a-z])(?=.*[A-Z])(?=.*\\d).{8,64}$|^\\$2[ayb]\\$.{56}$'";
        }
        return null;
    }

    /** The user webhook: syntactically valid and unique email. */
    private void checkEmail(String email, String self) {
        if (!EMAIL.matcher(email).matches()) {
            throw SimError.badRequest("invalid email address: " + email);
        }
        for (ObjectNode other : w.users.values()) {
            if (!Json.name(other).equals(self) && email.equalsIgnoreCase(Json.str(other, "spec", "email"))) {
                throw SimError.badRequest("user email: " + email + " already exists");
            }
        }
    }

    private SimResponse updateUser(SimExchange ex) {
        String name = ex.param("u");
        authz.check(ex, Attrs.cluster("update", GROUP, "users", name));
        ObjectNode body = ex.readObject("v1beta1.User");
        String bodyName = Json.name(body);
        if (!name.equals(bodyName)) {
            throw SimError.badRequest("the name of the object (" + (bodyName == null ? "" : bodyName)
                    + ") does not match the name on the URL (" + name + ")");
        }
        ObjectNode existing = requireUser(name);
        String rv = Json.str(body, "metadata", "resourceVersion");
        if (rv == null || rv.isEmpty()) {
            throw SimError.text(422, "User.iam.kubesphere.io \"" + name + "\" is invalid: metadata.resourceVersion: "
                    + "Invalid value: 0x0: must be specified for an update");
        }
        if (!rv.equals(Json.str(existing, "metadata", "resourceVersion"))) {
            throw SimError.text(409, "Operation cannot be fulfilled on users.iam.kubesphere.io \"" + name
                    + "\": the object has been modified; please apply your changes to the latest version and "
                    + "try again");
        }
        String oldRole = Json.annotation(existing, SimWorld.ANN_GLOBALROLE);
        String newRole = Json.annotation(body, SimWorld.ANN_GLOBALROLE);
        if (newRole != null && !newRole.isEmpty() && !newRole.equals(oldRole)) {
            if (!w.globalRoles.containsKey(newRole)) {
                throw SimError.notFound("GlobalRole.iam.kubesphere.io \"" + newRole + "\" not found");
            }
            if (!authz.globalAllows(ex.user, Attrs.cluster("update", GROUP, "users", null))) {
                throw SimError.text(403, "users.iam.kubesphere.io \"" + name + "\" is forbidden: user \""
                        + ex.userName() + "\" is not allowed to change the platform role");
            }
        }
        JsonNode specNode = body.get("spec");
        ObjectNode spec = specNode instanceof ObjectNode s ? s.deepCopy() : Json.o();
        spec.remove("password");
        String email = Json.str(spec, "email");
        if (email == null || email.isEmpty()) {
            throw SimError.text(422, "User.iam.kubesphere.io \"" + name + "\" is invalid: spec.email: Required value");
        }
        checkEmail(email, name);

        ObjectNode meta = Json.meta(existing);
        JsonNode labels = body.path("metadata").path("labels");
        if (labels.isObject()) {
            meta.set("labels", labels.deepCopy());
        } else {
            meta.remove("labels");
        }
        ObjectNode annotations = body.path("metadata").path("annotations").isObject()
                ? (ObjectNode) body.path("metadata").path("annotations").deepCopy() : Json.o();
        // Controller-owned annotations survive a full replace: the user controller re-adds them.
        for (String keep : List.of(SimWorld.ANN_GLOBALROLE, SimWorld.ANN_PASSWORD_CHANGE)) {
            String old = Json.annotation(existing, keep);
            if (!annotations.has(keep) && old != null) {
                annotations.put(keep, old);
            }
        }
        meta.set("annotations", annotations);
        existing.set("spec", spec);
        String state = Json.str(body, "status", "state");
        ObjectNode status = Json.child(existing, "status");
        // im.UpdateUser keeps the stored status unless the body says Active or Disabled; then it takes that state
        // and restarts lastTransitionTime (and with it the login-failure window), changed or not.
        if ("Active".equals(state) || "Disabled".equals(state)) {
            status.put("state", state);
            status.put("lastTransitionTime", Json.ts(w.now()));
        }
        w.bumpResourceVersion(existing);
        return SimResponse.ok(existing);
    }

    // ---------- roles ----------

    private SimResponse listGlobalRoles(SimExchange ex) {
        authz.check(ex, Attrs.cluster("list", GROUP, "globalroles", null));
        return SimResponse.ok(SimList.kubeList(SimList.apply(new ArrayList<>(w.globalRoles.values()), ex.query),
                ex.query));
    }

    private SimResponse getGlobalRole(SimExchange ex) {
        String name = ex.param("r");
        authz.check(ex, Attrs.cluster("get", GROUP, "globalroles", name));
        ObjectNode role = w.globalRoles.get(name);
        if (role == null) {
            throw SimError.notFound("GlobalRole.iam.kubesphere.io \"" + name + "\" not found");
        }
        return SimResponse.ok(role);
    }

    private SimResponse listWorkspaceRoles(SimExchange ex) {
        String ws = ex.param("ws");
        authz.check(ex, Attrs.workspace("list", GROUP, "workspaceroles", null, ws));
        List<ObjectNode> items = new ArrayList<>();
        for (ObjectNode r : w.workspaceRoles.values()) {
            if (ws.equals(Json.label(r, SimWorld.LABEL_WORKSPACE))) {
                items.add(r);
            }
        }
        return SimResponse.ok(SimList.kubeList(SimList.apply(items, ex.query), ex.query));
    }

    private SimResponse listNamespaceRoles(SimExchange ex) {
        String ns = ex.param("ns");
        authz.check(ex, Attrs.namespace("list", GROUP, "roles", null, null, ns));
        List<ObjectNode> items = new ArrayList<>(w.namespaceRoles.getOrDefault(ns, Map.of()).values());
        return SimResponse.ok(SimList.kubeList(SimList.apply(items, ex.query), ex.query));
    }

    // ---------- members (shared logic for both scopes) ----------

    /** v4 list items are stubs; the binding time sorts them and is then blanked like the real handler does. */
    private static SimResponse memberList(Map<String, SimWorld.Binding> bindings, String annotation,
            String roleFilter, Map<String, String> query) {
        List<ObjectNode> items = new ArrayList<>();
        if (bindings != null) {
            bindings.forEach((user, b) -> {
                if (roleFilter == null || roleFilter.isEmpty() || roleFilter.equals(b.role())) {
                    items.add(Json.o("metadata", Json.o("name", user, "creationTimestamp", Json.ts(b.created()),
                            "annotations", Json.o(annotation, b.role())), "spec", Json.o("email", ""),
                            "status", Json.o()));
                }
            });
        }
        SimList.Page page = SimList.apply(items, query);
        ObjectNode body = SimList.body(page, false);
        for (JsonNode item : body.withArray("items")) {
            ((ObjectNode) item.get("metadata")).set("creationTimestamp", NullNode.instance);
        }
        return SimResponse.ok(body);
    }

    private record Member(String username, String roleRef) {
    }

    private static Member member(JsonNode n) {
        return new Member(n.path("username").asText(""), n.path("roleRef").asText(""));
    }

    private SimResponse listWorkspaceMembers(SimExchange ex) {
        String ws = ex.param("ws");
        authz.check(ex, Attrs.workspace("list", GROUP, "workspacemembers", null, ws));
        return memberList(w.workspaceBindings.get(ws), ANN_WORKSPACEROLE, ex.q("workspacerole"), ex.query);
    }

    private void requireWorkspaceRole(String ws, String role) {
        ObjectNode r = w.workspaceRoles.get(role);
        if (r == null || !ws.equals(Json.label(r, SimWorld.LABEL_WORKSPACE))) {
            throw SimError.notFound("workspaceroles.iam.kubesphere.io \"" + role + "\" not found");
        }
    }

    private SimResponse createWorkspaceMembers(SimExchange ex) {
        String ws = ex.param("ws");
        authz.check(ex, Attrs.workspace("create", GROUP, "workspacemembers", null, ws));
        ArrayNode body = ex.readArray("[]v1beta1.Member");
        List<Member> members = new ArrayList<>();
        body.forEach(n -> members.add(member(n)));
        members.forEach(m -> requireWorkspaceRole(ws, m.roleRef()));
        Instant now = w.now();
        // Any previous binding of the user in this workspace is replaced; user existence is not checked.
        members.forEach(m -> w.bindWorkspace(ws, m.username(), m.roleRef(), now));
        return SimResponse.ok(echo(members));
    }

    private static ArrayNode echo(List<Member> members) {
        ArrayNode out = Json.a();
        members.forEach(m -> out.add(Json.o("username", m.username(), "roleRef", m.roleRef())));
        return out;
    }

    private SimResponse getWorkspaceMember(SimExchange ex) {
        String ws = ex.param("ws");
        String m = ex.param("m");
        authz.check(ex, Attrs.workspace("get", GROUP, "workspacemembers", m, ws));
        SimWorld.Binding b = w.workspaceBindings.getOrDefault(ws, Map.of()).get(m);
        if (b == null) {
            throw SimError.badRequest("member " + m + " not exist");
        }
        ObjectNode user = requireUser(m).deepCopy();
        Json.annotations(user).put(ANN_WORKSPACEROLE, b.role());
        return SimResponse.ok(user);
    }

    private SimResponse updateWorkspaceMember(SimExchange ex) {
        String ws = ex.param("ws");
        String m = ex.param("m");
        authz.check(ex, Attrs.workspace("update", GROUP, "workspacemembers", m, ws));
        Member member = member(ex.readObject("v1beta1.Member"));
        if (!m.equals(member.username())) {
            throw SimError.badRequest("incorrect username");
        }
        if (!w.workspaceBindings.getOrDefault(ws, Map.of()).containsKey(m)) {
            throw SimError.badRequest("member " + m + " not exist");
        }
        requireWorkspaceRole(ws, member.roleRef());
        w.bindWorkspace(ws, m, member.roleRef(), w.now());
        return SimResponse.success();
    }

    private SimResponse deleteWorkspaceMember(SimExchange ex) {
        String ws = ex.param("ws");
        String m = ex.param("m");
        authz.check(ex, Attrs.workspace("delete", GROUP, "workspacemembers", m, ws));
        w.workspaceBindings.getOrDefault(ws, new LinkedHashMap<>()).remove(m);
        return SimResponse.success();
    }

    private SimResponse listNamespaceMembers(SimExchange ex) {
        String ns = ex.param("ns");
        authz.check(ex, Attrs.namespace("list", GROUP, "namespacemembers", null, null, ns));
        return memberList(w.namespaceBindings.get(ns), ANN_ROLE, ex.q("role"), ex.query);
    }

    private void requireNamespaceRole(String ns, String role) {
        if (!w.namespaceRoles.getOrDefault(ns, Map.of()).containsKey(role)) {
            throw SimError.notFound("roles.iam.kubesphere.io \"" + role + "\" not found");
        }
    }

    private SimResponse createNamespaceMembers(SimExchange ex) {
        String ns = ex.param("ns");
        authz.check(ex, Attrs.namespace("create", GROUP, "namespacemembers", null, null, ns));
        ArrayNode body = ex.readArray("[]v1beta1.Member");
        List<Member> members = new ArrayList<>();
        body.forEach(n -> members.add(member(n)));
        members.forEach(m -> requireNamespaceRole(ns, m.roleRef()));
        Instant now = w.now();
        members.forEach(m -> w.bindNamespace(ns, m.username(), m.roleRef(), now));
        return SimResponse.ok(echo(members));
    }

    private SimResponse updateNamespaceMember(SimExchange ex) {
        String ns = ex.param("ns");
        String m = ex.param("m");
        authz.check(ex, Attrs.namespace("update", GROUP, "namespacemembers", null, m, ns));
        Member member = member(ex.readObject("v1beta1.Member"));
        if (!m.equals(member.username())) {
            throw SimError.badRequest("incorrect username");
        }
        if (!w.namespaceBindings.getOrDefault(ns, Map.of()).containsKey(m)) {
            throw SimError.badRequest("member " + m + " not exist");
        }
        requireNamespaceRole(ns, member.roleRef());
        w.bindNamespace(ns, m, member.roleRef(), w.now());
        return SimResponse.success();
    }

    private SimResponse deleteNamespaceMember(SimExchange ex) {
        String ns = ex.param("ns");
        String m = ex.param("m");
        authz.check(ex, Attrs.namespace("delete", GROUP, "namespacemembers", null, m, ns));
        Map<String, SimWorld.Binding> b = w.namespaceBindings.get(ns);
        if (b != null) {
            b.remove(m);
        }
        return SimResponse.success();
    }
}
