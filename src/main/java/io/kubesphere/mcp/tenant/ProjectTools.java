package io.kubesphere.mcp.tenant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.catalog.Page;
import io.kubesphere.mcp.catalog.PageNumber;
import io.kubesphere.mcp.catalog.PageSize;
import io.kubesphere.mcp.catalog.Paged;
import io.kubesphere.mcp.catalog.Paging;
import io.kubesphere.mcp.catalog.ToolContext;
import io.kubesphere.mcp.catalog.ToolDefinition;
import io.kubesphere.mcp.catalog.ToolProvider;
import io.kubesphere.mcp.catalog.Toolset;
import io.kubesphere.mcp.kubesphere.Kube;
import io.kubesphere.mcp.kubesphere.Route;
import io.kubesphere.mcp.kubesphere.api.Routes;
import io.kubesphere.mcp.kubesphere.api.TenantApi;
import io.kubesphere.mcp.policy.DnsLabel;
import io.kubesphere.mcp.policy.Names;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Projects: namespaces of a workspace on one cluster. */
@ApplicationScoped
public class ProjectTools implements ToolProvider {

    static final Route LIST = Routes.route(TenantApi.class, "listProjects");
    static final Route GET = Routes.route(TenantApi.class, "getProject");
    static final Route CREATE = Routes.route(TenantApi.class, "createProject");
    /** DevOps projects are namespaces too; the console hides them from the project list, and so do we. */
    static final String NOT_DEVOPS = "!kubesphere.io/devopsproject";

    public record Project(String name, String workspace, String cluster, String creator, String description,
            String created, String status) {

        static Project from(JsonNode ns, String cluster) {
            return new Project(Kube.name(ns), Kube.label(ns, Tenants.WORKSPACE_LABEL), cluster,
                    Kube.annotation(ns, Tenants.CREATOR), Kube.annotation(ns, Tenants.DESCRIPTION), Kube.created(ns),
                    Kube.text(ns.path("status").path("phase")));
        }

        String line() {
            return name + " (workspace " + workspace + ", cluster " + cluster + (status == null ? "" : ", " + status)
                    + ")";
        }
    }

    public record ListInput(
            @JsonPropertyDescription("Cluster of the projects, e.g. host") @NotNull
            @DnsLabel String cluster,
            @JsonPropertyDescription("Workspace of the projects") @NotNull
            @DnsLabel String workspace,
            @JsonPropertyDescription("Only projects whose name contains this text") @Size(max = 253, message = Names.FILTER_RULE) String name,
            @PageNumber Integer page,
            @PageSize Integer limit) implements Paged {
    }

    public record GetInput(
            @JsonPropertyDescription("Cluster of the project, e.g. host") @NotNull @DnsLabel String cluster,
            @JsonPropertyDescription("Workspace of the project") @NotNull @DnsLabel String workspace,
            @JsonPropertyDescription("Project") @NotNull @DnsLabel String project) {
    }

    public record CreateInput(
            @JsonPropertyDescription("Cluster to create the project on, e.g. host") @NotNull
            @DnsLabel String cluster,
            @JsonPropertyDescription("Workspace the project belongs to") @NotNull
            @DnsLabel String workspace,
            @JsonPropertyDescription("New project's name (a namespace, unique in the cluster)") @NotNull
            @DnsLabel String project,
            @JsonPropertyDescription("What the project is for") @Size(max = 256, message = Names.DESCRIPTION_RULE)
            String description) {
    }

    @Override
    public List<ToolDefinition<?, ?>> tools() {
        return List.of(listProjects(), getProject(), createProject());
    }

    ToolDefinition<ListInput, Page<Project>> listProjects() {
        return ToolDefinition.read("list_projects", Toolset.tenant, ListInput.class, Page.of(Project.class))
                .title("List projects")
                .description("List the projects (namespaces) of a workspace on a cluster.")
                .routes(LIST)
                .text(list -> list.render("project", Project::line, "; "))
                .handler(this::listProjects);
    }

    private Uni<Page<Project>> listProjects(ToolContext ctx, ListInput in) {
        Paging paging = in.paging();
        return ctx.kubesphere().call(auth -> ctx.kubesphere().tenant().listProjects(auth, in.cluster(),
                        in.workspace(), Kube.param(in.name()), NOT_DEVOPS, paging.page(), paging.limit()))
                .onFailure().transform(e -> Tenants.forbiddenIn(e, "workspace " + in.workspace()))
                .map(body -> Page.from(body, paging, ns -> Project.from(ns, in.cluster())));
    }

    ToolDefinition<GetInput, Project> getProject() {
        return ToolDefinition.read("get_project", Toolset.tenant, GetInput.class, Project.class)
                .title("Get a project")
                .description("Get one project of a workspace: creator, description, status, creation time.")
                .routes(GET)
                .text(p -> "Project " + p.line() + (p.description() == null ? "" : ": " + p.description()))
                .handler(this::getProject);
    }

    private Uni<Project> getProject(ToolContext ctx, GetInput in) {
        return ctx.kubesphere()
                .call(auth -> ctx.kubesphere().tenant().getProject(auth, in.cluster(), in.workspace(),
                        in.project()))
                .onFailure().transform(e -> Tenants.forbiddenIn(e, "workspace " + in.workspace()))
                .map(ns -> Project.from(ns, in.cluster()));
    }

    ToolDefinition<CreateInput, Project> createProject() {
        return ToolDefinition.write("create_project", Toolset.tenant, false, CreateInput.class, Project.class)
                .title("Create a project")
                .description("Create a project (namespace) in a workspace on a cluster; you become its admin.")
                .routes(Referents.WORKSPACE, CREATE)
                .text(p -> "Created project " + p.line())
                .handler(this::createProject);
    }

    private Uni<Project> createProject(ToolContext ctx, CreateInput in) {
        String creator = Tenants.creator(ctx);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("apiVersion", "v1").put("kind", "Namespace");
        ObjectNode metadata = body.putObject("metadata").put("name", in.project());
        // kubesphere.io/managed makes v4 create the built-in project roles admin/operator/viewer.
        metadata.putObject("labels").put(Tenants.WORKSPACE_LABEL, in.workspace())
                .put("kubesphere.io/managed", "true");
        ObjectNode annotations = metadata.putObject("annotations").put(Tenants.CREATOR, creator);
        if (in.description() != null && !in.description().isBlank()) {
            annotations.put(Tenants.DESCRIPTION, in.description());
        }
        return Referents.workspaceOn(ctx, in.workspace(), in.cluster())
                .chain(() -> ctx.kubesphere()
                        .call(auth -> ctx.kubesphere().tenant().createProject(auth, in.cluster(),
                                in.workspace(), body))
                        .onFailure().transform(e -> Tenants.forbiddenIn(e, "workspace " + in.workspace())))
                .map(ns -> Project.from(ns, in.cluster()));
    }
}
