package io.kubesphere.mcp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * All simulated cluster state. Not thread-safe by itself: callers hold the simulator's lock.
 */
final class SimWorld {
    static final String LABEL_WORKSPACE = "kubesphere.io/workspace";
    static final String LABEL_MANAGED = "kubesphere.io/managed";
    static final String LABEL_DEVOPS_PROJECT = "kubesphere.io/devopsproject";
    static final String LABEL_HOST_CLUSTER = "cluster-role.kubesphere.io/host";
    static final String ANN_CREATOR = "kubesphere.io/creator";
    static final String ANN_DESCRIPTION = "kubesphere.io/description";
    static final String ANN_ALIAS = "kubesphere.io/alias-name";
    static final String ANN_GLOBALROLE = "iam.kubesphere.io/globalrole";
    static final String ANN_UNINITIALIZED = "iam.kubesphere.io/uninitialized";
    static final String ANN_GRANTED_CLUSTERS = "iam.kubesphere.io/granted-clusters";
    static final String ANN_PASSWORD_CHANGE = "iam.kubesphere.io/last-password-change-time";
    static final String IAM_V1BETA1 = "iam.kubesphere.io/v1beta1";
    static final String TENANT_V1BETA1 = "tenant.kubesphere.io/v1beta1";
    static final String DEVOPS_V1ALPHA3 = "devops.kubesphere.io/v1alpha3";

    static final Duration REFRESH_EXTRA = Duration.ofMinutes(30);
    static final int AUTH_MAX_TRIES = 10;
    static final Duration AUTH_WINDOW = Duration.ofMinutes(10);

    record Binding(String role, Instant created) {
    }

    record Step(String displayName, String kind, String arg) {
    }

    record Stage(String name, List<Step> steps) {
    }

    static final class PipelineState {
        ObjectNode obj;
        int nextRunId = 1;
        /** Jenkins' last branch-indexing log (multi-branch), null before the first scan. */
        String scanLog;

        PipelineState(ObjectNode obj) {
            this.obj = obj;
        }
    }

    static final class RunState {
        ObjectNode base;
        Instant created;
        int jenkinsId;
        String namespace;
        String pipeline;
        String branch;
        String creator;
        List<Stage> stages;
        /** Effective run time (ms) at which Jenkins stopped the build (result ABORTED), or -1. */
        long stoppedAtMs = -1;
        String stoppedBy;
        /** When the build ended early (stopped or its input aborted). */
        Instant endedAt;
        /** The build's first input step, or null: the build pauses there until someone answers. */
        InputState input;
    }

    /** An input step (Jenkins' InputStep) and the answer it got. */
    static final class InputState {
        int stage;
        int step;
        String id;
        String message;
        String submitter;
        List<String> parameters = new ArrayList<>();
        Instant decidedAt;
        boolean aborted;
        String decidedBy;
        Map<String, String> values = new LinkedHashMap<>();
    }

    record TokenInfo(String username, String type, Instant expires) {
    }

    // Time: the given clock plus an offset that advanceClock moves, so both it and the clock move the world.
    private final Clock clock;
    private Duration clockOffset = Duration.ZERO;
    Duration accessTokenMaxAge = Duration.ofHours(2);
    private long resourceVersion = 40000;
    final Random random = new Random(20240520L);
    final byte[] jwtSecret = new byte[32];
    private final byte[] passwordSalt = new byte[16];

    final Map<String, ObjectNode> clusters = new LinkedHashMap<>();
    final Map<String, ObjectNode> users = new LinkedHashMap<>();
    final Map<String, String> passwordHashes = new LinkedHashMap<>();
    final Map<String, List<Instant>> failedLogins = new LinkedHashMap<>();
    final Map<String, ObjectNode> globalRoles = new LinkedHashMap<>();
    final Map<String, ObjectNode> workspaceRoles = new LinkedHashMap<>();
    final Map<String, Map<String, ObjectNode>> namespaceRoles = new LinkedHashMap<>();
    final Map<String, ObjectNode> workspaceTemplates = new LinkedHashMap<>();
    final Map<String, ObjectNode> namespaces = new LinkedHashMap<>();
    final Map<String, Map<String, Binding>> workspaceBindings = new LinkedHashMap<>();
    final Map<String, Map<String, Binding>> namespaceBindings = new LinkedHashMap<>();
    final Map<String, ObjectNode> devopsProjects = new LinkedHashMap<>();
    final Map<String, Map<String, PipelineState>> pipelines = new LinkedHashMap<>();
    final Map<String, Map<String, RunState>> runs = new LinkedHashMap<>();
    final Map<String, Map<String, ObjectNode>> secrets = new LinkedHashMap<>();
    final Map<String, TokenInfo> tokenCache = new LinkedHashMap<>();
    final Map<String, Integer> grants = new LinkedHashMap<>();
    /** quota.kubesphere.io/v1alpha2 ResourceQuotas (cluster-scoped; one cluster is simulated). */
    final Map<String, ObjectNode> resourceQuotas = new LinkedHashMap<>();
    /** iam.kubesphere.io/v1beta1 ClusterRoles and the users bound to them (one binding per user). */
    final Map<String, ObjectNode> clusterRoles = new LinkedHashMap<>();
    final Map<String, Binding> clusterBindings = new LinkedHashMap<>();
    /** iam.kubesphere.io/v1beta1 LoginRecords, oldest first. */
    final List<ObjectNode> loginRecords = new ArrayList<>();

    SimWorld(Clock clock) {
        this.clock = clock;
        SecureRandom sr = new SecureRandom();
        sr.nextBytes(jwtSecret);
        sr.nextBytes(passwordSalt);
    }

    Instant now() {
        return clock.instant().plus(clockOffset);
    }

    void advance(Duration d) {
        clockOffset = clockOffset.plus(d);
    }

    String nextResourceVersion() {
        resourceVersion++;
        return Long.toString(resourceVersion);
    }

    /** Lower-case alphanumerics as used by Kubernetes generateName suffixes. */
    String randomSuffix(int len) {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** Rebuilds metadata in apiserver order and stamps server-owned fields. */
    ObjectNode stamp(ObjectNode obj, String kind, String apiVersion, String namespace, Instant created) {
        ObjectNode old = Json.meta(obj);
        String name = Json.str(old, "name");
        ObjectNode meta = Json.o();
        meta.put("name", name);
        copy(old, meta, "generateName");
        if (namespace != null) {
            meta.put("namespace", namespace);
        }
        meta.put("uid", UUID.nameUUIDFromBytes((kind + "/" + namespace + "/" + name + "/" + resourceVersion)
                .getBytes(StandardCharsets.UTF_8)).toString());
        meta.put("resourceVersion", nextResourceVersion());
        meta.put("generation", 1);
        meta.put("creationTimestamp", Json.ts(created));
        copy(old, meta, "labels");
        copy(old, meta, "annotations");
        copy(old, meta, "ownerReferences");
        copy(old, meta, "finalizers");
        ObjectNode out = Json.o("kind", kind, "apiVersion", apiVersion, "metadata", meta);
        obj.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("kind") && !e.getKey().equals("apiVersion") && !e.getKey().equals("metadata")) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    private static void copy(ObjectNode from, ObjectNode to, String field) {
        JsonNode v = from.get(field);
        if (v != null && !v.isNull()) {
            to.set(field, v);
        }
    }

    void bumpResourceVersion(ObjectNode obj) {
        Json.meta(obj).put("resourceVersion", nextResourceVersion());
    }

    // ---------- passwords ----------

    String hashPassword(String password) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(passwordSalt);
            return HexFormat.of().formatHex(md.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean passwordMatches(String username, String password) {
        String stored = passwordHashes.get(username);
        return stored != null && password != null && !password.isEmpty()
                && MessageDigest.isEqual(stored.getBytes(StandardCharsets.UTF_8),
                        hashPassword(password).getBytes(StandardCharsets.UTF_8));
    }

    // ---------- roles ----------

    static ObjectNode rule(List<String> groups, List<String> resources, List<String> verbs) {
        return Json.o("apiGroups", groups, "resources", resources, "verbs", verbs);
    }

    static final List<String> ALL = List.of("*");
    static final List<String> READ = List.of("get", "list", "watch");

    private ObjectNode role(String kind, String name, String namespace, String creator, String description,
            List<String> templates, List<ObjectNode> rules, Instant created, Map<String, String> labels) {
        ObjectNode obj = Json.o("metadata", Json.o("name", name));
        ObjectNode ann = Json.annotations(obj);
        if (creator != null) {
            ann.put(ANN_CREATOR, creator);
        }
        if (description != null) {
            ann.put(ANN_DESCRIPTION, description);
        }
        if (!labels.isEmpty()) {
            labels.forEach(Json.labels(obj)::put);
        }
        if (templates != null) {
            obj.set("aggregationRoleTemplates", Json.o("templateNames", templates));
        }
        ArrayNode r = obj.putArray("rules");
        rules.forEach(r::add);
        return stamp(obj, kind, IAM_V1BETA1, namespace, created);
    }

    void putGlobalRole(String name, String creator, String description, List<String> templates,
            List<ObjectNode> rules, Instant created) {
        globalRoles.put(name, role("GlobalRole", name, null, creator, description, templates, rules, created,
                Map.of()));
    }

    void putWorkspaceRole(String ws, String name, String creator, String description, List<String> templates,
            List<ObjectNode> rules, Instant created) {
        workspaceRoles.put(name, role("WorkspaceRole", name, null, creator, description, templates, rules,
                created, Map.of(LABEL_WORKSPACE, ws)));
    }

    void putNamespaceRole(String ns, String name, String creator, String description, List<String> templates,
            List<ObjectNode> rules, Instant created) {
        namespaceRoles.computeIfAbsent(ns, k -> new LinkedHashMap<>())
                .put(name, role("Role", name, ns, creator, description, templates, rules, created, Map.of()));
    }

    void createBuiltinGlobalRoles(Instant created) {
        putGlobalRole("platform-admin", "admin", "Full access to all resources on the platform.",
                List.of("global-manage-all"), List.of(rule(ALL, ALL, ALL)), created);
        putGlobalRole("platform-self-provisioner", "admin", "Can create workspaces and become their admin.",
                List.of("global-create-workspaces"),
                List.of(rule(List.of("tenant.kubesphere.io"), List.of("workspacetemplates"), List.of("create"))),
                created);
        putGlobalRole("platform-regular", "admin",
                "Regular user of the platform; no access to resources before joining a workspace.",
                List.of("global-view-basic"), List.of(), created);
        // Everyone who logged in: may list (handler-filtered) workspaces and clusters.
        putGlobalRole("authenticated", null, null, null, List.of(rule(List.of("tenant.kubesphere.io"),
                List.of("workspacetemplates", "workspaces", "clusters"), List.of("list"))), created);
        putGlobalRole("anonymous", null, null, null, List.of(), created);
        putGlobalRole("pre-registration", null, null, null, List.of(), created);
    }

    /**
     * ensureWorkspaceRoleName (KS v4.1.3 workspacetemplate controller): {@code {ws}-{role}} while that fits a label
     * value (63), else {@code {role}.{hex FNV-1a 64 of the workspace name}} (hashutil.FNVString: 16 hex digits).
     */
    static String workspaceRoleName(String ws, String role) {
        String plain = ws + "-" + role;
        if (plain.length() <= 63) {
            return plain;
        }
        long hash = 0xcbf29ce484222325L;
        for (byte b : ws.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return role + "." + HexFormat.of().toHexDigits(hash);
    }

    /** The two ClusterRoles a v4 install ships (config/ks-core/templates/clusterroles.yaml). */
    void createBuiltinClusterRoles(Instant created) {
        clusterRoles.put("cluster-admin", role("ClusterRole", "cluster-admin", null, "system",
                "Manage all resources in the cluster.", List.of(), List.of(rule(ALL, ALL, ALL)), created, Map.of()));
        clusterRoles.put("cluster-viewer", role("ClusterRole", "cluster-viewer", null, "system",
                "View all resources in the cluster.", List.of("cluster-view-components"),
                List.of(rule(ALL, ALL, READ)), created, Map.of()));
    }

    void bindCluster(String user, String role, Instant created) {
        clusterBindings.put(user, new Binding(role, created));
        nextResourceVersion();
    }

    /**
     * What the oauth handler's loginRecorder writes (pkg/models/auth/login_recoder.go): only for existing accounts,
     * generateName {user}-, label iam.kubesphere.io/user-ref, type Token for the token endpoint.
     */
    void recordLogin(String user, boolean success, String reason, Instant at) {
        ObjectNode obj = Json.o("metadata", Json.o("name", user + "-" + randomSuffix(5), "generateName", user + "-",
                "labels", Json.o("iam.kubesphere.io/user-ref", user)),
                "spec", Json.o("type", "Token", "provider", "", "sourceIP", "127.0.0.1", "success", success,
                        "reason", reason));
        loginRecords.add(stamp(obj, "LoginRecord", IAM_V1BETA1, null, at));
    }

    void createWorkspaceRoles(String ws, Instant created) {
        List<String> tenantGroups = List.of("tenant.kubesphere.io", "devops.kubesphere.io");
        ObjectNode readWs = rule(List.of("tenant.kubesphere.io"), List.of("workspaces", "workspacetemplates"),
                List.of("get"));
        ObjectNode readMembers = rule(List.of("iam.kubesphere.io"), List.of("workspacemembers", "workspaceroles"),
                List.of("get", "list"));
        putWorkspaceRole(ws, workspaceRoleName(ws, "admin"), "system", "Full access to the workspace and all of its projects.",
                List.of("workspace-manage-all"), List.of(rule(ALL, ALL, ALL)), created);
        putWorkspaceRole(ws, workspaceRoleName(ws, "regular"), "system", "Can view the workspace and its members.",
                List.of("workspace-view-basic"),
                List.of(readWs, readMembers, rule(tenantGroups, List.of("namespaces"), List.of("list"))), created);
        putWorkspaceRole(ws, workspaceRoleName(ws, "self-provisioner"), "system", "Can create projects and DevOps projects.",
                List.of("workspace-create-projects"),
                List.of(readWs, readMembers,
                        rule(tenantGroups, List.of("namespaces", "devopsprojects"), List.of("list", "create"))),
                created);
        putWorkspaceRole(ws, workspaceRoleName(ws, "viewer"), "system", "Read-only access to everything in the workspace.",
                List.of("workspace-view-all"), List.of(rule(ALL, ALL, READ)), created);
    }

    void createNamespaceRoles(String ns, Instant created) {
        putNamespaceRole(ns, "admin", "system", "Full access to the project, including members and roles.",
                List.of("namespace-manage-all"), List.of(rule(ALL, ALL, ALL)), created);
        putNamespaceRole(ns, "operator", "system", "Can manage resources but not members or roles.",
                List.of("namespace-manage-workloads"),
                List.of(rule(ALL, ALL, READ),
                        rule(List.of("devops.kubesphere.io"),
                                List.of("pipelines", "pipelines/*", "pipelineruns", "pipelineruns/*", "credentials"),
                                ALL),
                        rule(List.of("", "apps", "batch"), ALL, ALL)),
                created);
        putNamespaceRole(ns, "viewer", "system", "Read-only access to the project.", List.of("namespace-view-all"),
                List.of(rule(ALL, ALL, READ)), created);
    }

    // ---------- users ----------

    ObjectNode addUser(String name, String email, String globalRole, String password, String creator,
            Instant created) {
        ObjectNode obj = Json.o("metadata", Json.o("name", name, "finalizers", Json.a("finalizers.kubesphere.io/users")));
        ObjectNode ann = Json.annotations(obj);
        if (globalRole != null) {
            ann.put(ANN_GLOBALROLE, globalRole);
        }
        if (creator != null) {
            ann.put(ANN_CREATOR, creator);
        }
        if (password != null) {
            ann.put(ANN_PASSWORD_CHANGE, Json.ts(created.plusSeconds(1)));
        }
        obj.set("spec", Json.o("email", email, "lang", "en"));
        obj.set("status", Json.o("state", "Active", "lastTransitionTime", Json.ts(created)));
        ObjectNode stored = stamp(obj, "User", IAM_V1BETA1, null, created);
        users.put(name, stored);
        if (password != null) {
            passwordHashes.put(name, hashPassword(password));
        }
        return stored;
    }

    ObjectNode findUserByNameOrEmail(String login) {
        ObjectNode u = users.get(login);
        if (u != null) {
            return u;
        }
        for (ObjectNode candidate : users.values()) {
            if (login.equalsIgnoreCase(Json.str(candidate, "spec", "email"))) {
                return candidate;
            }
        }
        return null;
    }

    String globalRoleOf(String user) {
        ObjectNode u = users.get(user);
        return u == null ? null : Json.annotation(u, ANN_GLOBALROLE);
    }

    // ---------- tenancy ----------

    ObjectNode addCluster(String name, boolean host, Instant created) {
        ObjectNode obj = Json.o("metadata", Json.o("name", name,
                "labels", host ? Json.o(LABEL_HOST_CLUSTER, "", "cluster.kubesphere.io/visibility", "public",
                        "kubesphere.io/managed", "true")
                        : Json.o("kubesphere.io/managed", "true"),
                "annotations", Json.o(ANN_DESCRIPTION, host ? "Host cluster" : "Member cluster"),
                "finalizers", Json.a("finalizer.cluster.kubesphere.io")));
        obj.set("spec", Json.o("provider", "", "enable", true, "joinFederation", false,
                "connection", Json.o("type", "direct", "kubernetesAPIEndpoint", "https://10.233.0.1:443")));
        String t = Json.ts(created.plusSeconds(30));
        obj.set("status", Json.o("conditions", Json.a(
                Json.o("type", "Ready", "status", "True", "lastUpdateTime", t, "lastTransitionTime", t,
                        "reason", "", "message", "Cluster is available now")),
                "kubernetesVersion", "v1.28.8", "kubeSphereVersion", "v4.1.2", "nodeCount", 3,
                "uid", UUID.nameUUIDFromBytes(("cluster/" + name).getBytes(StandardCharsets.UTF_8)).toString()));
        ObjectNode stored = stamp(obj, "Cluster", "cluster.kubesphere.io/v1alpha1", null, created);
        clusters.put(name, stored);
        return stored;
    }

    /** Stores a WorkspaceTemplate and runs what the workspacetemplate controller would do. */
    ObjectNode addWorkspaceTemplate(ObjectNode body, Instant created) {
        ObjectNode meta = Json.meta(body);
        ArrayNode fin = Json.MAPPER.createArrayNode().add("kubesphere.io/cascading-deletion");
        meta.set("finalizers", fin);
        ObjectNode stored = stamp(body, "WorkspaceTemplate", TENANT_V1BETA1, null, created);
        String ws = Json.name(stored);
        workspaceTemplates.put(ws, stored);
        createWorkspaceRoles(ws, created);
        String manager = Json.str(stored, "spec", "template", "spec", "manager");
        if (manager != null && !manager.isEmpty()) {
            bindWorkspace(ws, manager, workspaceRoleName(ws, "admin"), created);
        }
        return stored;
    }

    ObjectNode addWorkspace(String ws, String manager, String creator, String description, Instant created) {
        ObjectNode ann = Json.o(ANN_CREATOR, creator);
        if (description != null) {
            ann.put(ANN_DESCRIPTION, description);
        }
        ObjectNode body = Json.o("metadata", Json.o("name", ws, "annotations", ann),
                "spec", Json.o("template", Json.o("metadata", Json.o("annotations", Json.o(ANN_CREATOR, creator)),
                        "spec", Json.o("manager", manager)),
                        "placement", Json.o("clusters", Json.a(Json.o("name", "host")))));
        return addWorkspaceTemplate(body, created);
    }

    void bindWorkspace(String ws, String user, String role, Instant created) {
        workspaceBindings.computeIfAbsent(ws, k -> new LinkedHashMap<>()).put(user, new Binding(role, created));
        nextResourceVersion();
    }

    void bindNamespace(String ns, String user, String role, Instant created) {
        namespaceBindings.computeIfAbsent(ns, k -> new LinkedHashMap<>()).put(user, new Binding(role, created));
        nextResourceVersion();
    }

    /** Stores a Namespace and runs what the namespace controller would do. */
    ObjectNode addNamespace(ObjectNode body, String ws, Instant created) {
        // Only metadata survives: the apiserver prunes unknown top-level fields (the seed sends "cluster").
        ObjectNode clean = Json.o("metadata", Json.meta(body).deepCopy());
        Json.labels(clean).put(LABEL_WORKSPACE, ws);
        ObjectNode stored = stamp(clean, "Namespace", "v1", null, created);
        stored.set("spec", Json.o("finalizers", Json.a("kubernetes")));
        stored.set("status", Json.o("phase", "Active"));
        String ns = Json.name(stored);
        namespaces.put(ns, stored);
        // The BuiltinRole targetSelector only matches managed namespaces in v4.
        if ("true".equals(Json.label(stored, LABEL_MANAGED))) {
            createNamespaceRoles(ns, created);
        }
        String creator = Json.annotation(stored, ANN_CREATOR);
        if (creator != null && !creator.isEmpty()) {
            bindNamespace(ns, creator, "admin", created);
        }
        return stored;
    }

    String workspaceOfNamespace(String ns) {
        ObjectNode n = namespaces.get(ns);
        return n == null ? null : Json.label(n, LABEL_WORKSPACE);
    }

    ObjectNode addDevOpsProject(String name, String ws, String creator, Instant created) {
        // Without a creator nobody is bound as admin of the new namespace (as in KubeSphere).
        ObjectNode nsBody = Json.o("metadata", Json.o("name", name,
                "labels", Json.o(LABEL_MANAGED, "true", LABEL_DEVOPS_PROJECT, name),
                "annotations", creator == null ? Json.o() : Json.o(ANN_CREATOR, creator)));
        addNamespace(nsBody, ws, created);
        ObjectNode obj = Json.o("metadata", Json.o("name", name, "generateName", name,
                "labels", Json.o(LABEL_WORKSPACE, ws),
                "annotations", creator == null ? Json.o("devopsproject.devops.kubesphere.io/syncstatus",
                        "successful") : Json.o(ANN_CREATOR, creator, "devopsproject.devops.kubesphere.io/syncstatus",
                        "successful"),
                "finalizers", Json.a("devopsproject.finalizers.kubesphere.io")),
                "spec", Json.o(), "status", Json.o("adminNamespace", name));
        ObjectNode stored = stamp(obj, "DevOpsProject", DEVOPS_V1ALPHA3, null, created);
        devopsProjects.put(name, stored);
        pipelines.put(name, new LinkedHashMap<>());
        runs.put(name, new LinkedHashMap<>());
        secrets.put(name, new LinkedHashMap<>());
        return stored;
    }

    List<String> workspacesOf(String user) {
        List<String> out = new ArrayList<>();
        workspaceBindings.forEach((ws, b) -> {
            if (b.containsKey(user) && workspaceTemplates.containsKey(ws)) {
                out.add(ws);
            }
        });
        return out;
    }
}
