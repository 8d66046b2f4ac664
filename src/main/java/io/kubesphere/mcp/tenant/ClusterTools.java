package io.kubesphere.mcp.tenant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
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
import io.kubesphere.mcp.kubesphere.Kube;
import io.kubesphere.mcp.kubesphere.Route;
import io.kubesphere.mcp.kubesphere.api.IamApi;
import io.kubesphere.mcp.kubesphere.api.Routes;
import io.kubesphere.mcp.kubesphere.api.TenantApi;
import io.kubesphere.mcp.policy.DnsLabel;
import io.kubesphere.mcp.policy.Names;
import io.kubesphere.mcp.policy.Roles;
import io.kubesphere.mcp.tenant.PlatformTools.Cluster;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Clusters seen from a workspace, and who holds a cluster role. */
@ApplicationScoped
public class ClusterTools implements ToolProvider {

    static final Route WORKSPACE_CLUSTERS = Routes.route(TenantApi.class, "listWorkspaceClusters");
    static final Route CLUSTER_MEMBERS = Routes.route(IamApi.class, "listClusterMembers");
    static final String CLUSTER_ROLE_ANNOTATION = "iam.kubesphere.io/clusterrole";

    public record WorkspaceClusters(String workspace, List<Cluster> items, int total) {
    }

    public record WorkspaceInput(
            @JsonPropertyDescription("Workspace") @NotNull @DnsLabel String workspace) {
    }

    public record MembersInput(
            @JsonPropertyDescription("Cluster, e.g. host") @NotNull @DnsLabel String cluster,
            @JsonPropertyDescription("Only holders of this cluster role, e.g. cluster-admin")
            @Size(min = 1, max = 253, message = Names.ROLE_NAME_RULE)
            @Pattern(regexp = Names.ROLE_NAME, message = Names.ROLE_NAME_RULE) String clusterrole,
            @PageNumber Integer page,
            @PageSize Integer limit) implements Paged {
    }

    @Override
    public List<ToolDefinition<?, ?>> tools() {
        return List.of(listWorkspaceClusters(), listClusterMembers());
    }

    ToolDefinition<WorkspaceInput, WorkspaceClusters> listWorkspaceClusters() {
        return ToolDefinition.read("list_workspace_clusters", Toolset.tenant, WorkspaceInput.class,
                        WorkspaceClusters.class)
                .title("List a workspace's clusters")
                .description("List the clusters a workspace is placed on (where its projects can be).")
                .routes(WORKSPACE_CLUSTERS)
                .text(w -> "Workspace " + w.workspace() + " is on " + (w.items().isEmpty() ? "no cluster"
                        : String.join(", ", w.items().stream().map(c -> c.name() + (c.ready() ? "" : " (NOT ready)"))
                        .toList())))
                .handler(this::listWorkspaceClusters);
    }

    private Uni<WorkspaceClusters> listWorkspaceClusters(ToolContext ctx, WorkspaceInput in) {
        return ctx.kubesphere()
                .call(auth -> ctx.kubesphere().tenant().listWorkspaceClusters(auth, in.workspace()))
                .onFailure().transform(e -> Tenants.forbiddenIn(e, "workspace " + in.workspace()))
                .map(body -> new WorkspaceClusters(in.workspace(), Kube.items(body, Cluster::from),
                        Kube.total(body)));
    }

    ToolDefinition<MembersInput, Page<Member>> listClusterMembers() {
        return ToolDefinition.read("list_cluster_members", Toolset.tenant, MembersInput.class, Page.of(Member.class))
                .title("List cluster members")
                .description("List the users who hold a cluster role on a cluster.")
                .routes(CLUSTER_MEMBERS)
                .text(list -> Member.render(list, "cluster member"))
                .handler(this::listClusterMembers);
    }

    private Uni<Page<Member>> listClusterMembers(ToolContext ctx, MembersInput in) {
        Paging paging = in.paging();
        return ctx.kubesphere().call(auth -> ctx.kubesphere().iam().listClusterMembers(auth,
                        in.cluster(), Kube.param(in.clusterrole()), paging.page(), paging.limit()))
                .map(body -> Member.page(body, CLUSTER_ROLE_ANNOTATION, paging,
                        role -> role != null && Roles.builtInCluster(role) ? role : null));
    }
}
