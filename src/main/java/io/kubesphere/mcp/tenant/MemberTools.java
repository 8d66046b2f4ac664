package io.kubesphere.mcp.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.catalog.Default;
import io.kubesphere.mcp.catalog.Member;
import io.kubesphere.mcp.catalog.Page;
import io.kubesphere.mcp.catalog.PageNumber;
import io.kubesphere.mcp.catalog.PageSize;
import io.kubesphere.mcp.catalog.Paged;
import io.kubesphere.mcp.catalog.Paging;
import io.kubesphere.mcp.catalog.ToolContext;
import io.kubesphere.mcp.catalog.ToolDefinition;
import io.kubesphere.mcp.catalog.ToolProvider;
import io.kubesphere.mcp.catalog.Toolset;
import io.kubesphere.mcp.kubesphere.KubeSphereError;
import io.kubesphere.mcp.kubesphere.Route;
import io.kubesphere.mcp.kubesphere.api.IamApi;
import io.kubesphere.mcp.kubesphere.api.Routes;
import io.kubesphere.mcp.policy.DnsLabel;
import io.kubesphere.mcp.policy.PrivilegedGrants;
import io.kubesphere.mcp.policy.Roles;
import io.kubesphere.mcp.policy.Roles.ProjectRole;
import io.kubesphere.mcp.policy.Roles.WorkspaceRole;
import io.kubesphere.mcp.policy.Username;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;

import java.util.List;

/** Who is in a workspace or project, and with which built-in role. */
@ApplicationScoped
public class MemberTools implements ToolProvider {

    static final Route LIST_WS = Routes.route(IamApi.class, "listWorkspaceMembers");
    static final Route INVITE_WS = Routes.route(IamApi.class, "inviteWorkspaceMembers");
    static final Route SET_WS = Routes.route(IamApi.class, "setWorkspaceMember");
    static final Route LIST_NS = Routes.route(IamApi.class, "listProjectMembers");
    static final Route INVITE_NS = Routes.route(IamApi.class, "inviteProjectMembers");
    static final Route SET_NS = Routes.route(IamApi.class, "setProjectMember");
    static final String WORKSPACE_ROLE_ANNOTATION = "iam.kubesphere.io/workspacerole";
    static final String ROLE_ANNOTATION = "iam.kubesphere.io/role";

    public record WorkspaceMember(String workspace, String username, String role) {
    }

    public record ProjectMember(String cluster, String project, String username, String role) {
    }

    /** user_verified is false when the account in use may not read users, so the username could not be checked. */
    public record WorkspaceInvite(String workspace, String username, String role,
            @JsonProperty("user_verified") boolean userVerified) {
    }

    public record ProjectInvite(String cluster, String project, String username, String role,
            @JsonProperty("user_verified") boolean userVerified) {
    }

    public record ListWorkspaceInput(
            @JsonPropertyDescription("Workspace") @NotNull @DnsLabel String workspace,
            @PageNumber Integer page,
            @PageSize Integer limit) implements Paged {
    }

    public record InviteWorkspaceInput(
            @JsonPropertyDescription("Workspace") @NotNull @DnsLabel String workspace,
            @JsonPropertyDescription("Username to invite") @NotNull @Username String username,
            @JsonPropertyDescription("Built-in workspace role; admin needs a person's confirmation") @Default("regular") WorkspaceRole role) {
    }

    public record SetWorkspaceRoleInput(
            @JsonPropertyDescription("Workspace") @NotNull @DnsLabel String workspace,
            @JsonPropertyDescription("Username of a workspace member") @NotNull
            @Username String username,
            @JsonPropertyDescription("New built-in workspace role; admin needs a person's confirmation") @NotNull WorkspaceRole role) {
    }

    public record ListProjectInput(
            @JsonPropertyDescription("Project's cluster, e.g. host") @NotNull
            @DnsLabel String cluster,
            @JsonPropertyDescription("Project") @NotNull @DnsLabel String project,
            @PageNumber Integer page,
            @PageSize Integer limit) implements Paged {
    }

    public record InviteProjectInput(
            @JsonPropertyDescription("Project's cluster, e.g. host") @NotNull
            @DnsLabel String cluster,
            @JsonPropertyDescription("Project") @NotNull @DnsLabel String project,
            @JsonPropertyDescription("Username to invite") @NotNull @Username String username,
            @JsonPropertyDescription("Built-in project role; admin needs a person's confirmation") @Default("viewer")
            ProjectRole role) {
    }

    public record SetProjectRoleInput(
            @JsonPropertyDescription("Project's cluster, e.g. host") @NotNull
            @DnsLabel String cluster,
            @JsonPropertyDescription("Project") @NotNull @DnsLabel String project,
            @JsonPropertyDescription("Username of a project member") @NotNull
            @Username String username,
            @JsonPropertyDescription("New built-in project role; admin needs a person's confirmation") @NotNull
            ProjectRole role) {
    }

    @Override
    public List<ToolDefinition<?, ?>> tools() {
        return List.of(listWorkspaceMembers(), inviteWorkspaceMember(), setWorkspaceRole(), listProjectMembers(),
                inviteProjectMember(), setProjectRole());
    }

    ToolDefinition<ListWorkspaceInput, Page<Member>> listWorkspaceMembers() {
        return ToolDefinition.read("list_workspace_members", Toolset.tenant, ListWorkspaceInput.class,
                        Page.of(Member.class))
                .title("List workspace members")
                .description("List the members of a workspace with their workspace role.")
                .routes(LIST_WS)
                .text(list -> Member.render(list, "member"))
                .handler(this::listWorkspaceMembers);
    }

    private Uni<Page<Member>> listWorkspaceMembers(ToolContext ctx, ListWorkspaceInput in) {
        Paging paging = in.paging();
        return ctx.kubesphere().call(auth -> ctx.kubesphere().iam()
                        .listWorkspaceMembers(auth, in.workspace(), null, paging.page(), paging.limit()))
                .onFailure().transform(e -> Tenants.forbiddenIn(e, "workspace " + in.workspace()))
                .map(body -> Member.page(body, WORKSPACE_ROLE_ANNOTATION, paging,
                        name -> Roles.builtInWorkspaceRole(in.workspace(), name)));
    }

    ToolDefinition<InviteWorkspaceInput, WorkspaceInvite> inviteWorkspaceMember() {
        return ToolDefinition.write("invite_workspace_member", Toolset.tenant, true, InviteWorkspaceInput.class,
                        WorkspaceInvite.class)
                .title("Invite a user to a workspace")
                .description("Add a user to a workspace with a built-in role (default regular); replaces a role "
                        + "they already had there.")
                .routes(Referents.USER, INVITE_WS)
                .text(m -> "Invited " + m.username() + " to workspace " + m.workspace() + " as " + m.role()
                        + (m.userVerified() ? "" : "." + Referents.unverified(m.username())))
                .confirm((ctx, in) -> PrivilegedGrants.workspaceRole(in.workspace(), in.username(), in.role().wire()))
                .handler(this::inviteWorkspaceMember);
    }

    private Uni<WorkspaceInvite> inviteWorkspaceMember(ToolContext ctx, InviteWorkspaceInput in) {
        WorkspaceRole role = in.role();
        String roleRef = Roles.workspaceRoleRef(in.workspace(), role);
        ArrayNode body = JsonNodeFactory.instance.arrayNode();
        body.addObject().put("username", in.username()).put("roleRef", roleRef);
        return Referents.user(ctx, in.username())
                .chain(verified -> ctx.kubesphere().call(auth -> ctx.kubesphere().iam()
                                .inviteWorkspaceMembers(auth, in.workspace(), body))
                        .onFailure().transform(e -> workspaceFailure(e, in.workspace(), roleRef))
                        .map(echo -> new WorkspaceInvite(in.workspace(), in.username(), roleRef,
                                verified)));
    }

    ToolDefinition<SetWorkspaceRoleInput, WorkspaceMember> setWorkspaceRole() {
        return ToolDefinition.write("set_workspace_role", Toolset.tenant, true, SetWorkspaceRoleInput.class,
                        WorkspaceMember.class)
                .title("Change a workspace member's role")
                .description("Change the built-in workspace role of an existing workspace member.")
                .routes(SET_WS)
                .text(m -> m.username() + " now has role " + m.role() + " in workspace " + m.workspace())
                .confirm((ctx, in) -> PrivilegedGrants.workspaceRole(in.workspace(), in.username(), in.role().wire()))
                .handler(this::setWorkspaceRole);
    }

    private Uni<WorkspaceMember> setWorkspaceRole(ToolContext ctx, SetWorkspaceRoleInput in) {
        String roleRef = Roles.workspaceRoleRef(in.workspace(), in.role());
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("username", in.username()).put("roleRef", roleRef);
        return ctx.kubesphere().call(auth -> ctx.kubesphere().iam()
                        .setWorkspaceMember(auth, in.workspace(), in.username(), body))
                .onFailure().transform(e -> notMember(workspaceFailure(e, in.workspace(), roleRef),
                        in.username(), "workspace " + in.workspace(), "invite_workspace_member"))
                .map(ok -> new WorkspaceMember(in.workspace(), in.username(), roleRef));
    }

    ToolDefinition<ListProjectInput, Page<Member>> listProjectMembers() {
        return ToolDefinition.read("list_project_members", Toolset.tenant, ListProjectInput.class, Page.of(Member.class))
                .title("List project members")
                .description("List the members of a project with their project role.")
                .routes(LIST_NS)
                .text(list -> Member.render(list, "member"))
                .handler(this::listProjectMembers);
    }

    private Uni<Page<Member>> listProjectMembers(ToolContext ctx, ListProjectInput in) {
        Paging paging = in.paging();
        return ctx.kubesphere()
                .call(auth -> ctx.kubesphere().iam().listProjectMembers(auth, in.cluster(), in.project(),
                        null, paging.page(), paging.limit()))
                .onFailure().transform(e -> Tenants.forbiddenIn(e, "project " + in.project()))
                .map(body -> Member.page(body, ROLE_ANNOTATION, paging,
                        name -> name != null && Roles.builtInProject(name) ? name : null));
    }

    ToolDefinition<InviteProjectInput, ProjectInvite> inviteProjectMember() {
        return ToolDefinition.write("invite_project_member", Toolset.tenant, true, InviteProjectInput.class,
                        ProjectInvite.class)
                .title("Invite a user to a project")
                .description("Add a user to a project with a built-in role (default viewer); replaces a role they "
                        + "already had there.")
                .routes(Referents.USER, INVITE_NS)
                .text(m -> "Invited " + m.username() + " to project " + m.project() + " (cluster " + m.cluster()
                        + ") as " + m.role() + (m.userVerified() ? "" : "." + Referents.unverified(m.username())))
                .confirm((ctx, in) -> PrivilegedGrants.projectRole(in.cluster(), in.project(), in.username(),
                        Roles.projectRole(in.role())))
                .handler(this::inviteProjectMember);
    }

    private Uni<ProjectInvite> inviteProjectMember(ToolContext ctx, InviteProjectInput in) {
        String role = Roles.projectRole(in.role());
        ArrayNode body = JsonNodeFactory.instance.arrayNode();
        body.addObject().put("username", in.username()).put("roleRef", role);
        return Referents.user(ctx, in.username())
                .chain(verified -> ctx.kubesphere().call(auth -> ctx.kubesphere().iam()
                                .inviteProjectMembers(auth, in.cluster(), in.project(), body))
                        .onFailure().transform(e -> projectFailure(e, in.cluster(), in.project(), role))
                        .map(echo -> new ProjectInvite(in.cluster(), in.project(), in.username(), role,
                                verified)));
    }

    ToolDefinition<SetProjectRoleInput, ProjectMember> setProjectRole() {
        return ToolDefinition.write("set_project_role", Toolset.tenant, true, SetProjectRoleInput.class,
                        ProjectMember.class)
                .title("Change a project member's role")
                .description("Change the built-in project role of an existing project member.")
                .routes(SET_NS)
                .text(m -> m.username() + " now has role " + m.role() + " in project " + m.project() + " (cluster "
                        + m.cluster() + ")")
                .confirm((ctx, in) -> PrivilegedGrants.projectRole(in.cluster(), in.project(), in.username(),
                        Roles.projectRole(in.role())))
                .handler(this::setProjectRole);
    }

    private Uni<ProjectMember> setProjectRole(ToolContext ctx, SetProjectRoleInput in) {
        String role = Roles.projectRole(in.role());
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("username", in.username()).put("roleRef", role);
        return ctx.kubesphere().call(auth -> ctx.kubesphere().iam()
                        .setProjectMember(auth, in.cluster(), in.project(), in.username(), body))
                .onFailure().transform(e -> notMember(projectFailure(e, in.cluster(), in.project(), role),
                        in.username(), "project " + in.project(), "invite_project_member"))
                .map(ok -> new ProjectMember(in.cluster(), in.project(), in.username(), role));
    }

    /** Built-in workspace roles exist as long as the workspace does, so a missing role means a missing workspace. */
    private static Throwable workspaceFailure(Throwable failure, String workspace, String roleRef) {
        if (failure instanceof KubeSphereError e && e.status() == 404) {
            return new KubeSphereError(e.kind(), e.status(), e.upstreamMessage(), "Workspace '" + workspace
                    + "' has no role " + roleRef + " (404): check the workspace name (list_workspaces shows them).");
        }
        return Tenants.forbiddenIn(failure, "workspace " + workspace);
    }

    private static Throwable projectFailure(Throwable failure, String cluster, String project, String role) {
        if (failure instanceof KubeSphereError e && e.status() == 404) {
            return new KubeSphereError(e.kind(), e.status(), e.upstreamMessage(), "Project '" + project
                    + "' on cluster '" + cluster + "' has no role " + role + " (404): check the project and cluster "
                    + "names (list_projects shows them). A project created without the label kubesphere.io/managed="
                    + "true has no built-in roles.");
        }
        return Tenants.forbiddenIn(failure, "project " + project);
    }

    /** v4 answers 400 "member x not exist" when the user is not a member yet. */
    private static Throwable notMember(Throwable failure, String username, String scope, String inviteTool) {
        if (failure instanceof KubeSphereError e && e.status() == 400 && e.upstreamMessage() != null
                && e.upstreamMessage().startsWith("member ") && e.upstreamMessage().contains("not exist")) {
            return new KubeSphereError(KubeSphereError.Kind.NOT_FOUND, e.status(), e.upstreamMessage(), "'" + username
                    + "' is not a member of " + scope + " yet, so there is no role to change. Use " + inviteTool
                    + " to add them.");
        }
        return failure;
    }
}
