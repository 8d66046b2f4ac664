package io.kubesphere.mcp.tenant;

import io.kubesphere.mcp.catalog.ToolError;
import io.kubesphere.mcp.policy.Roles;
import io.kubesphere.mcp.policy.Roles.PlatformRole;
import io.kubesphere.mcp.policy.Roles.ProjectRole;
import io.kubesphere.mcp.policy.Roles.WorkspaceRole;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Policy rule 2 behind the schema: the checks the tools call before building a request refuse any non-built-in role
 * name, whatever got past argument parsing.
 */
class RolesTest {

    @Test
    void customNamesAreRefusedByTheServerSideCheck() {
        for (String custom : List.of("cluster-admin", "users-auditor", "workspaces-manager", "", "platform-admin ")) {
            ToolError e = assertThrows(ToolError.class, () -> Roles.globalRole(custom));
            assertEquals(ToolError.Outcome.REFUSED, e.outcome());
            assertThat(e.getMessage(), containsString("custom roles cannot be assigned here"));
        }
        for (String custom : List.of("custom", "demo-workspace-custom", "demo-workspace-admin", "pipeline-auditor",
                "ADMIN")) {
            ToolError e = assertThrows(ToolError.class, () -> Roles.workspaceRoleRef("demo-workspace", custom));
            assertEquals(ToolError.Outcome.REFUSED, e.outcome());
        }
        for (String custom : List.of("deployer", "cluster-admin", "edit", "Admin")) {
            assertThrows(ToolError.class, () -> Roles.projectRole(custom));
        }
        assertThrows(ToolError.class, () -> Roles.globalRole((String) null));
        assertThrows(ToolError.class, () -> Roles.workspaceRoleRef("ws", (WorkspaceRole) null));
        assertThrows(ToolError.class, () -> Roles.projectRole((ProjectRole) null));
    }

    @Test
    void builtInRolesPass() {
        assertEquals("platform-regular", Roles.globalRole(PlatformRole.PLATFORM_REGULAR));
        assertEquals("platform-admin", Roles.globalRole("platform-admin"));
        assertEquals("demo-workspace-regular", Roles.workspaceRoleRef("demo-workspace", WorkspaceRole.REGULAR));
        assertEquals("ws-self-provisioner", Roles.workspaceRoleRef("ws", "self-provisioner"));
        assertEquals("viewer", Roles.projectRole(ProjectRole.VIEWER));
        assertEquals("operator", Roles.projectRole("operator"));
    }

    @Test
    void longWorkspacesNameTheirRolesByTheFnvHashPerRole() {
        // 57 characters: "{ws}-admin" is exactly 63 and stays plain, the other three are hashed.
        String ws = "payments-platform-engineering-shared-services-europe-west";
        assertEquals(ws + "-admin", Roles.workspaceRoleRef(ws, WorkspaceRole.ADMIN));
        assertEquals("regular.e64d1b088d27d866", Roles.workspaceRoleRef(ws, WorkspaceRole.REGULAR));
        assertEquals("self-provisioner.e64d1b088d27d866", Roles.workspaceRoleRef(ws, "self-provisioner"));
        // Go's hash/fnv New64a with hex.EncodeToString: 16 digits, leading zeros kept.
        assertEquals("viewer.0000000000000000".length(), Roles.workspaceRoleRef(ws, "viewer").length());
        assertEquals("viewer", Roles.builtInWorkspaceRole(ws, "viewer.e64d1b088d27d866"));
        assertEquals("admin", Roles.builtInWorkspaceRole(ws, ws + "-admin"));
        assertFalse(Roles.builtInWorkspace(ws, ws + "-viewer"), "too long to be the built-in one: a custom role");
        assertFalse(Roles.builtInWorkspace(ws, "viewer.e64d1b088d27d867"));
        assertFalse(Roles.builtInWorkspace("other", "viewer.e64d1b088d27d866"));
        assertEquals("regular", Roles.builtInWorkspaceRole("stone", "stone-regular"));
        assertEquals(null, Roles.builtInWorkspaceRole("stone", "stone-pipeline-auditor"));
    }

    @Test
    void everyEnumValueIsABuiltInRoleAndTheDefaultsAreTheLeastPrivileged() {
        Arrays.stream(PlatformRole.values()).forEach(Roles::globalRole);
        Arrays.stream(WorkspaceRole.values()).forEach(r -> Roles.workspaceRoleRef("ws", r));
        Arrays.stream(ProjectRole.values()).forEach(Roles::projectRole);
        assertEquals(List.of("platform-regular", "platform-self-provisioner", "platform-admin"),
                Arrays.stream(PlatformRole.values()).map(PlatformRole::wire).toList());
        assertEquals(List.of("viewer", "regular", "self-provisioner", "admin"),
                Arrays.stream(WorkspaceRole.values()).map(WorkspaceRole::wire).toList());
        assertEquals(List.of("viewer", "operator", "admin"),
                Arrays.stream(ProjectRole.values()).map(ProjectRole::wire).toList());
    }

    @Test
    void builtInRecognition() {
        assertTrue(Roles.builtInGlobal("platform-self-provisioner"));
        assertFalse(Roles.builtInGlobal("users-auditor"));
        assertFalse(Roles.builtInGlobal("authenticated"));
        assertTrue(Roles.builtInWorkspace("stone", "stone-viewer"));
        assertFalse(Roles.builtInWorkspace("stone", "stone-pipeline-auditor"));
        assertFalse(Roles.builtInWorkspace("stone", "other-admin"));
        assertTrue(Roles.builtInProject("operator"));
        assertFalse(Roles.builtInProject("deployer"));
    }
}
