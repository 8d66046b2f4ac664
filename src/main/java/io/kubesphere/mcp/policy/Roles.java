package io.kubesphere.mcp.policy;

import com.fasterxml.jackson.annotation.JsonValue;
import io.kubesphere.mcp.catalog.ToolError;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Set;

/**
 * Policy rules 2 and 3: only KubeSphere's built-in roles can be granted, and the defaults are the least privileged.
 * The enums shape the published schemas; the string checks below are what stands between a tool and the request, so
 * a value that got past the schema (an added enum constant, a client that ignores schemas) is still refused. The
 * allowlists are spelled out here on purpose instead of being derived from the enums.
 */
public final class Roles {

    /** Platform roles this server may grant. */
    static final Set<String> GLOBAL = Set.of("platform-regular", "platform-self-provisioner", "platform-admin");
    /** Workspace roles, without the {@code {workspace}-} prefix. */
    static final Set<String> WORKSPACE = Set.of("viewer", "regular", "self-provisioner", "admin");
    static final Set<String> PROJECT = Set.of("viewer", "operator", "admin");
    /** The ClusterRoles a v4 install ships (config/ks-core/templates/clusterroles.yaml); never granted here. */
    static final Set<String> CLUSTER = Set.of("cluster-admin", "cluster-viewer");

    public static final String CUSTOM_ROLES = "This server grants only KubeSphere's built-in roles; custom roles cannot "
            + "be assigned here. Ask a platform or workspace administrator to assign custom roles in the KubeSphere "
            + "console.";

    private Roles() {
    }

    public enum PlatformRole {
        PLATFORM_REGULAR("platform-regular"), PLATFORM_SELF_PROVISIONER("platform-self-provisioner"),
        PLATFORM_ADMIN("platform-admin");

        private final String wire;

        PlatformRole(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }

    public enum WorkspaceRole {
        VIEWER("viewer"), REGULAR("regular"), SELF_PROVISIONER("self-provisioner"), ADMIN("admin");

        private final String wire;

        WorkspaceRole(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }

    public enum ProjectRole {
        VIEWER("viewer"), OPERATOR("operator"), ADMIN("admin");

        private final String wire;

        ProjectRole(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }

    /** The {@code iam.kubesphere.io/globalrole} value to send; refuses anything but a built-in platform role. */
    public static String globalRole(String role) {
        if (role == null || !GLOBAL.contains(role)) {
            throw ToolError.refused("'" + clip(role) + "' is not a built-in platform role (platform-regular, "
                    + "platform-self-provisioner, platform-admin). " + CUSTOM_ROLES + " Nothing was sent.");
        }
        return role;
    }

    public static String globalRole(PlatformRole role) {
        return globalRole(role == null ? null : role.wire());
    }

    /** The WorkspaceRole name to send (see {@link #workspaceRoleName}); refuses anything but a built-in role. */
    public static String workspaceRoleRef(String workspace, String role) {
        if (role == null || !WORKSPACE.contains(role)) {
            throw ToolError.refused("'" + clip(role) + "' is not a built-in workspace role (viewer, regular, "
                    + "self-provisioner, admin). " + CUSTOM_ROLES + " Nothing was sent.");
        }
        return workspaceRoleName(workspace, role);
    }

    /**
     * The name KubeSphere gives a workspace's built-in role (ensureWorkspaceRoleName, workspacetemplate controller,
     * v4.1.3): {@code {workspace}-{role}} while it fits a label value (63 characters), else
     * {@code {role}.{FNV-1a 64 of the workspace name, 16 hex digits}}. Decided per role, so one workspace can have both.
     */
    static String workspaceRoleName(String workspace, String role) {
        String plain = workspace + "-" + role;
        if (plain.length() <= 63) {
            return plain;
        }
        return role + "." + HexFormat.of().toHexDigits(fnv1a64(workspace.getBytes(StandardCharsets.UTF_8)));
    }

    static long fnv1a64(byte[] data) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : data) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    public static String workspaceRoleRef(String workspace, WorkspaceRole role) {
        return workspaceRoleRef(workspace, role == null ? null : role.wire());
    }

    /** The project Role name to send; refuses anything but a built-in project role. */
    public static String projectRole(String role) {
        if (role == null || !PROJECT.contains(role)) {
            throw ToolError.refused("'" + clip(role) + "' is not a built-in project role (viewer, operator, admin). "
                    + CUSTOM_ROLES + " Nothing was sent.");
        }
        return role;
    }

    public static String projectRole(ProjectRole role) {
        return projectRole(role == null ? null : role.wire());
    }

    /** Whether KubeSphere ships this platform role (the console's preset list). */
    public static boolean builtInGlobal(String name) {
        return GLOBAL.contains(name);
    }

    /** Whether this is one of the four roles KubeSphere creates for every workspace. */
    public static boolean builtInWorkspace(String workspace, String name) {
        return builtInWorkspaceRole(workspace, name) != null;
    }

    /** The built-in role (viewer, regular, self-provisioner, admin) that this WorkspaceRole name is, or null. */
    public static String builtInWorkspaceRole(String workspace, String name) {
        if (name == null) {
            return null;
        }
        return WORKSPACE.stream().filter(role -> workspaceRoleName(workspace, role).equals(name)).findFirst()
                .orElse(null);
    }

    public static boolean builtInCluster(String name) {
        return CLUSTER.contains(name);
    }

    public static boolean builtInProject(String name) {
        return PROJECT.contains(name);
    }

    private static String clip(String role) {
        if (role == null) {
            return "";
        }
        return role.length() <= 64 ? role : role.substring(0, 64) + "…";
    }
}
