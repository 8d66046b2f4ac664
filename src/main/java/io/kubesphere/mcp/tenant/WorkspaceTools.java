package io.kubesphere.mcp.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import io.kubesphere.mcp.policy.PrivilegedGrants;
import io.kubesphere.mcp.policy.Username;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** Workspaces: the top-level tenant unit. */
@ApplicationScoped
public class WorkspaceTools implements ToolProvider {

    static final Route LIST = Routes.route(TenantApi.class, "listWorkspaces");
    static final Route GET = Routes.route(TenantApi.class, "getWorkspace");
    static final Route CREATE = Routes.route(TenantApi.class, "createWorkspace");

    public record ListInput(
            @JsonPropertyDescription("Only workspaces whose name contains this text") @Size(max = 253, message = Names.FILTER_RULE) String name,
            @PageNumber Integer page,
            @PageSize Integer limit) implements Paged {
    }

    public record GetInput(
            @JsonPropertyDescription("Workspace") @NotNull @DnsLabel String workspace) {
    }

    public record CreateInput(
            @JsonPropertyDescription("Name of the new workspace") @NotNull
            @DnsLabel String workspace,
            @JsonPropertyDescription("Clusters for the workspace, e.g. [\"host\"] (see list_clusters)")
            @NotNull @Size(min = 1, max = 50, message = "must name 1 to 50 clusters")
            List<@NotNull @DnsLabel String> clusters,
            @JsonPropertyDescription("Manager's username (gets the admin role); default: you") @Username String manager,
            @JsonPropertyDescription("What the workspace is for") @Size(max = 256, message = Names.DESCRIPTION_RULE)
            String description) {
    }

    /** manager_verified is false when the account in use may not read users, so the manager could not be checked. */
    public record NewWorkspace(String name, List<String> clusters, String manager, String creator, String description,
            String created, @JsonProperty("manager_verified") boolean managerVerified) {

        static NewWorkspace of(Workspace ws, boolean managerVerified) {
            return new NewWorkspace(ws.name(), ws.clusters(), ws.manager(), ws.creator(), ws.description(),
                    ws.created(), managerVerified);
        }
    }

    @Override
    public List<ToolDefinition<?, ?>> tools() {
        return List.of(listWorkspaces(), getWorkspace(), createWorkspace());
    }

    ToolDefinition<ListInput, Page<Workspace>> listWorkspaces() {
        return ToolDefinition.read("list_workspaces", Toolset.tenant, ListInput.class, Page.of(Workspace.class))
                .title("List workspaces")
                .description("List the workspaces you can see, with clusters and manager.")
                .routes(LIST)
                .text(list -> list.render("workspace", Workspace::line, "; "))
                .handler(this::listWorkspaces);
    }

    private Uni<Page<Workspace>> listWorkspaces(ToolContext ctx, ListInput in) {
        Paging paging = in.paging();
        return ctx.kubesphere().call(auth -> ctx.kubesphere().tenant().listWorkspaces(auth,
                        Kube.param(in.name()), paging.page(), paging.limit()))
                .map(body -> Page.from(body, paging, Workspace::from));
    }

    ToolDefinition<GetInput, Workspace> getWorkspace() {
        return ToolDefinition.read("get_workspace", Toolset.tenant, GetInput.class, Workspace.class)
                .title("Get a workspace")
                .description("Get one workspace: its clusters, manager, creator, description and creation time.")
                .routes(GET)
                .text(ws -> "Workspace " + ws.line() + (ws.description() == null ? "" : ": " + ws.description()))
                .handler(this::getWorkspace);
    }

    private Uni<Workspace> getWorkspace(ToolContext ctx, GetInput in) {
        return ctx.kubesphere()
                .call(auth -> ctx.kubesphere().tenant().getWorkspace(auth, in.workspace()))
                .map(Workspace::from);
    }

    ToolDefinition<CreateInput, NewWorkspace> createWorkspace() {
        return ToolDefinition.write("create_workspace", Toolset.tenant, false, CreateInput.class, NewWorkspace.class)
                .title("Create a workspace")
                .description("Create a workspace on clusters with a manager (default: you). Ask the person for name, "
                        + "clusters and manager first.")
                .routes(Referents.USER, CREATE)
                .text(ws -> "Created workspace " + new Workspace(ws.name(), ws.clusters(), ws.manager(), ws.creator(),
                        ws.description(), ws.created()).line()
                        + (ws.managerVerified() ? "" : "." + Referents.unverified(ws.manager())))
                // The manager becomes workspace admin: someone else than the caller only with a person's yes.
                .confirm((ctx, in) -> in.manager() == null || in.manager().equals(Tenants.creator(ctx))
                        ? Optional.empty() : PrivilegedGrants.workspaceManager(in.workspace(), in.manager()))
                .handler(this::createWorkspace);
    }

    private Uni<NewWorkspace> createWorkspace(ToolContext ctx, CreateInput in) {
        String creator = Tenants.creator(ctx);
        String manager = in.manager() == null ? creator : in.manager();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("apiVersion", "tenant.kubesphere.io/v1beta1").put("kind", "WorkspaceTemplate");
        ObjectNode metadata = body.putObject("metadata").put("name", in.workspace());
        ObjectNode annotations = metadata.putObject("annotations").put(Tenants.CREATOR, creator);
        if (in.description() != null && !in.description().isBlank()) {
            annotations.put(Tenants.DESCRIPTION, in.description());
        }
        ObjectNode spec = body.putObject("spec");
        ObjectNode template = spec.putObject("template");
        // The console stamps the creator on the rendered Workspace too.
        template.putObject("metadata").putObject("annotations").put(Tenants.CREATOR, creator);
        template.putObject("spec").put("manager", manager);
        ArrayNode clusters = spec.putObject("placement").putArray("clusters");
        new LinkedHashSet<>(in.clusters()).forEach(c -> clusters.addObject().put("name", c));
        // The caller exists; anyone else is looked up before the controller binds them as admin.
        boolean self = manager.equals(creator);
        return (self ? Uni.createFrom().item(true) : Referents.user(ctx, manager))
                .chain(ok -> ctx.kubesphere().call(auth -> ctx.kubesphere().tenant().createWorkspace(auth, body))
                        .map(created -> NewWorkspace.of(Workspace.from(created), ok)));
    }
}
