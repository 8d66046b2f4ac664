package io.kubesphere.mcp.guide;

import java.util.List;

/**
 * The built-in roles and what each may do, as resources an agent can read before granting: the same three scopes and
 * names the policy allows (policy/Roles), with the defaults and confirmations the tools apply.
 */
final class RoleGuide {

    record Scope(String name, String title, String text) {
        String uri() {
            return "kubesphere://roles/" + name;
        }
    }

    private RoleGuide() {
    }

    static final List<Scope> SCOPES = List.of(
            new Scope("platform", "Built-in platform roles", """
                    # Platform roles (create_user, set_platform_role)
                    - platform-regular (default): no platform-wide access; sees only the workspaces and projects \
                    it is invited to.
                    - platform-self-provisioner: may also create workspaces, and administers the ones it creates.
                    - platform-admin: manages everything (users, clusters, workspaces, settings). Granted here only \
                    after a person confirms.
                    Only these built-in roles can be granted here; custom roles are assigned in the KubeSphere console.
                    """),
            new Scope("workspace", "Built-in workspace roles", """
                    # Workspace roles (invite_workspace_member, set_workspace_role); KubeSphere names them \
                    <workspace>-<role>
                    - viewer: reads every resource in the workspace, changes nothing.
                    - regular (default): a member; reaches only the projects and DevOps projects it is invited to.
                    - self-provisioner: may also create projects and DevOps projects, and administers those.
                    - admin: manages the workspace: members, roles, projects, DevOps projects, settings. Granted \
                    here only after a person confirms.
                    A user must be a workspace member before being invited to its projects.
                    """),
            new Scope("project", "Built-in project roles", """
                    # Project roles (invite_project_member, set_project_role); DevOps projects use the same three
                    - viewer (default): reads every resource in the project.
                    - operator: manages workloads, services, configuration and, in DevOps projects, pipelines and \
                    credentials; not members or roles.
                    - admin: manages everything in the project, members and roles included. Granted here only after \
                    a person confirms.
                    """));
}
