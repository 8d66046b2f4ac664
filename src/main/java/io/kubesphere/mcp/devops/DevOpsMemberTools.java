package io.kubesphere.mcp.devops;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.catalog.Confirmation;
import io.kubesphere.mcp.catalog.Member;
import io.kubesphere.mcp.catalog.Page;
import io.kubesphere.mcp.catalog.PageNumber;
import io.kubesphere.mcp.catalog.PageSize;
import io.kubesphere.mcp.catalog.Paged;
import io.kubesphere.mcp.catalog.Paging;
import io.kubesphere.mcp.catalog.ToolContext;
import io.kubesphere.mcp.catalog.ToolDefinition;
import io.kubesphere.mcp.catalog.ToolError;
import io.kubesphere.mcp.catalog.ToolProvider;
import io.kubesphere.mcp.catalog.Toolset;
import io.kubesphere.mcp.kubesphere.Kube;
import io.kubesphere.mcp.kubesphere.KubeSphereError;
import io.kubesphere.mcp.kubesphere.Route;
import io.kubesphere.mcp.kubesphere.api.DevOpsApi;
import io.kubesphere.mcp.kubesphere.api.IamApi;
import io.kubesphere.mcp.kubesphere.api.Routes;
import io.kubesphere.mcp.policy.DnsLabel;
import io.kubesphere.mcp.policy.PrivilegedGrants;
import io.kubesphere.mcp.policy.Roles;
import io.kubesphere.mcp.policy.Roles.ProjectRole;
import io.kubesphere.mcp.policy.Username;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Optional;

/**
 * Setting a DevOps project up: creating it in a workspace and choosing who is in it. A DevOps project is a namespace
 * (its admin namespace), so members are namespace members with the built-in roles admin, operator and viewer.
 */
@ApplicationScoped
public class DevOpsMemberTools implements ToolProvider {

    // A DevOps project's members are its namespace's: the project-member routes, on the host unless a cluster is named.
    static final Route LIST_MEMBERS = Routes.route(IamApi.class, "listProjectMembers");
    static final Route INVITE = Routes.route(IamApi.class, "inviteProjectMembers");
    static final Route SET_ROLE = Routes.route(IamApi.class, "setProjectMember");
    static final String ROLE_ANNOTATION = "iam.kubesphere.io/role";
    /** Kubernetes appends 5 characters to generateName and cuts the prefix at 58: keep the name whole. */
    static final int MAX_NAME = 58;

    public record CreateProjectInput(
            @JsonPropertyDescription("Workspace to create it in") @NotNull @DnsLabel String workspace,
            @JsonPropertyDescription("Name; KubeSphere appends 5 characters to make the namespace") @NotNull
            @DnsLabel @Size(max = MAX_NAME) String name,
            @Size(max = 1024) String description,
            @JsonPropertyDescription(DevOpsInputs.CLUSTER) @DnsLabel String cluster) {
    }

    public record CreatedProject(String name, String namespace, String workspace) {
    }

    public record ListMembersInput(
            @JsonPropertyDescription(DevOpsInputs.DEVOPS_PROJECT) @JsonProperty("devops_project") @NotNull
            @DnsLabel String devopsProject,
            @JsonPropertyDescription(DevOpsInputs.CLUSTER) @DnsLabel String cluster,
            @PageNumber Integer page,
            @PageSize Integer limit) implements Paged {
    }

    public record MemberInput(
            @JsonPropertyDescription(DevOpsInputs.DEVOPS_PROJECT) @JsonProperty("devops_project") @NotNull
            @DnsLabel String devopsProject,
            @NotNull @Username String username,
            @JsonPropertyDescription("Built-in role; admin needs a person's confirmation") @NotNull ProjectRole role,
            @JsonPropertyDescription(DevOpsInputs.CLUSTER) @DnsLabel String cluster) {
    }

    public record MemberResult(@JsonProperty("devops_project") String devopsProject, String username, String role) {
    }

    @Override
    public List<ToolDefinition<?, ?>> tools() {
        return List.of(createDevOpsProject(), listMembers(), inviteMember(), setRole());
    }

    ToolDefinition<CreateProjectInput, CreatedProject> createDevOpsProject() {
        return ToolDefinition.write("create_devops_project", Toolset.devops, false, CreateProjectInput.class,
                        CreatedProject.class)
                .title("Create a DevOps project")
                .description("Create a DevOps project in a workspace; returns the generated namespace to pass as "
                        + "devops_project.")
                .routes(Scoped.routes(DevOpsApi.class, "createDevOpsProject"))
                .text(p -> "Created DevOps project " + p.name() + " in workspace " + p.workspace() + "; use "
                        + "devops_project=" + p.namespace() + " with the other DevOps tools.")
                .handler(this::createDevOpsProject);
    }

    private Uni<CreatedProject> createDevOpsProject(ToolContext ctx, CreateProjectInput in) {
        String creator = ctx.kubesphere().knownUsername().orElseThrow(() -> ToolError.refused(
                "Cannot tell who the configured token belongs to, so the new DevOps project would have "
                        + "no admin. Nothing was sent. Use KUBESPHERE_USERNAME/KUBESPHERE_PASSWORD or a "
                        + "KubeSphere JWT with a username claim."));
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("apiVersion", "devops.kubesphere.io/v1alpha3").put("kind", "DevOpsProject");
        // ks-devops requires generateName and ignores metadata.name; the creator becomes its admin.
        ObjectNode metadata = body.putObject("metadata").put("generateName", in.name());
        metadata.putObject("labels").put(DevOpsViews.LABEL_WORKSPACE, in.workspace());
        ObjectNode annotations = metadata.putObject("annotations").put(DevOpsViews.ANN_CREATOR, creator);
        if (in.description() != null && !in.description().isBlank()) {
            annotations.put(DevOpsViews.ANN_DESCRIPTION, in.description());
        }
        body.putObject("spec");
        return ctx.kubesphere()
                .call(auth -> Scoped.on(in.cluster())
                        ? ctx.kubesphere().devops().createDevOpsProject(auth, in.cluster(), in.workspace(), body)
                        : ctx.kubesphere().devops().createDevOpsProject(auth, in.workspace(), body))
                .onFailure(f -> f instanceof KubeSphereError e && e.status() == 409)
                .transform(f -> ToolError.invalid("A DevOps project named " + in.name() + " already "
                        + "exists in workspace " + in.workspace() + ". list_devops_projects shows it and "
                        + "its namespace; pick another name to create a new one."))
                .onFailure(f -> f instanceof KubeSphereError e && e.status() == 403)
                .transform(f -> ToolError.refused("No permission to create DevOps projects in workspace "
                        + in.workspace() + " (403). Ask a workspace admin for the self-provisioner or "
                        + "admin workspace role, or to create it for you."))
                .map(created -> {
                    String name = Kube.name(created);
                    if (name == null || name.isEmpty()) {
                        throw new ToolError(ToolError.Outcome.FAILED, "KubeSphere accepted the DevOps "
                                + "project but did not say its generated name. Find it with "
                                + "list_devops_projects workspace=" + in.workspace() + ".");
                    }
                    String adminNamespace = Kube.text(created.path("status").path("adminNamespace"));
                    return new CreatedProject(in.name(), adminNamespace == null ? name : adminNamespace,
                            in.workspace());
                });
    }

    ToolDefinition<ListMembersInput, Page<Member>> listMembers() {
        return ToolDefinition.read("list_devops_project_members", Toolset.devops, ListMembersInput.class,
                        Page.of(Member.class))
                .title("List DevOps project members")
                .description("List a DevOps project's members with their role.")
                .routes(LIST_MEMBERS)
                .text(list -> Member.render(list, "member"))
                .handler(this::listMembers);
    }

    private Uni<Page<Member>> listMembers(ToolContext ctx, ListMembersInput in) {
        Paging paging = in.paging();
        return ctx.kubesphere().call(auth -> ctx.kubesphere().iam().listProjectMembers(auth,
                        cluster(in.cluster()), in.devopsProject(), null, paging.page(), paging.limit()))
                .map(body -> Member.page(body, ROLE_ANNOTATION, paging,
                        role -> role != null && Roles.builtInProject(role) ? role : null));
    }

    ToolDefinition<MemberInput, MemberResult> inviteMember() {
        return ToolDefinition.write("invite_devops_project_member", Toolset.devops, true, MemberInput.class,
                        MemberResult.class)
                .title("Invite a user to a DevOps project")
                .description("Add a user to a DevOps project with a built-in role (viewer, operator, admin).")
                .routes(INVITE)
                .text(m -> "Invited " + m.username() + " to DevOps project " + m.devopsProject() + " as " + m.role()
                        + ".")
                .confirm(DevOpsMemberTools::adminGrant)
                .handler(this::inviteMember);
    }

    private Uni<MemberResult> inviteMember(ToolContext ctx, MemberInput in) {
        String role = Roles.projectRole(in.role()); // the allowlist check, whatever the schema let by
        ArrayNode body = JsonNodeFactory.instance.arrayNode();
        body.addObject().put("username", in.username()).put("roleRef", role);
        return ctx.kubesphere().call(auth -> ctx.kubesphere().iam()
                        .inviteProjectMembers(auth, cluster(in.cluster()), in.devopsProject(), body))
                .onFailure().transform(f -> failure(f, in))
                .map(ok -> new MemberResult(in.devopsProject(), in.username(), role));
    }

    ToolDefinition<MemberInput, MemberResult> setRole() {
        return ToolDefinition.write("set_devops_project_role", Toolset.devops, true, MemberInput.class,
                        MemberResult.class)
                .title("Change a DevOps project member's role")
                .description("Change the built-in role of an existing DevOps project member.")
                .routes(SET_ROLE)
                .text(m -> m.username() + " now has role " + m.role() + " in DevOps project " + m.devopsProject()
                        + ".")
                .confirm(DevOpsMemberTools::adminGrant)
                .handler(this::setRole);
    }

    private Uni<MemberResult> setRole(ToolContext ctx, MemberInput in) {
        String role = Roles.projectRole(in.role());
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("username", in.username())
                .put("roleRef", role);
        return ctx.kubesphere().call(auth -> ctx.kubesphere().iam()
                        .setProjectMember(auth, cluster(in.cluster()), in.devopsProject(), in.username(),
                                body))
                .onFailure().transform(f -> {
                    if (f instanceof KubeSphereError e && e.status() == 400 && e.upstreamMessage() != null
                            && e.upstreamMessage().contains("not exist")) {
                        return ToolError.invalid("'" + in.username() + "' is not a member of DevOps "
                                + "project " + in.devopsProject() + " yet. Use "
                                + "invite_devops_project_member to add them.");
                    }
                    return failure(f, in);
                })
                .map(ok -> new MemberResult(in.devopsProject(), in.username(), role));
    }

    /** The DevOps project's admin role is an administrator grant: the invoker asks a person before the handler. */
    private static Optional<Confirmation> adminGrant(ToolContext ctx, MemberInput in) {
        return PrivilegedGrants.projectRole(cluster(in.cluster()), in.devopsProject(), in.username(),
                Roles.projectRole(in.role()));
    }

    /** The member routes exist only under /clusters/{cluster}; the host cluster when none is named. */
    private static String cluster(String cluster) {
        return Scoped.on(cluster) ? cluster : "host";
    }

    private static Throwable failure(Throwable f, MemberInput in) {
        if (f instanceof KubeSphereError e && e.status() == 404) {
            return ToolError.invalid("DevOps project " + in.devopsProject() + " has no role " + in.role().wire()
                    + " (404): check the devops_project (list_devops_projects shows the namespaces).");
        }
        if (f instanceof KubeSphereError e && e.status() == 403) {
            return ToolError.refused("No permission to manage members of DevOps project " + in.devopsProject()
                    + " (403): only its admins can. Ask one of them (list_devops_project_members).");
        }
        return f;
    }
}
