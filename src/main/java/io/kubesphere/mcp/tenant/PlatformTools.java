package io.kubesphere.mcp.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.kubesphere.mcp.catalog.Counted;
import io.kubesphere.mcp.catalog.NoInput;
import io.kubesphere.mcp.catalog.Page;
import io.kubesphere.mcp.catalog.PageInput;
import io.kubesphere.mcp.catalog.ToolContext;
import io.kubesphere.mcp.catalog.ToolDefinition;
import io.kubesphere.mcp.catalog.ToolError;
import io.kubesphere.mcp.catalog.ToolProvider;
import io.kubesphere.mcp.catalog.Toolset;
import io.kubesphere.mcp.kubesphere.Kube;
import io.kubesphere.mcp.kubesphere.Route;
import io.kubesphere.mcp.kubesphere.api.IamApi;
import io.kubesphere.mcp.kubesphere.api.Routes;
import io.kubesphere.mcp.kubesphere.api.TenantApi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.stream.StreamSupport;

/** Who am I, and which clusters are there. */
@ApplicationScoped
public class PlatformTools implements ToolProvider {

    static final Route GET_USER = Routes.route(IamApi.class, "getUser");
    static final Route LIST_WORKSPACES = Routes.route(TenantApi.class, "listWorkspaces");
    static final Route LIST_CLUSTERS = Routes.route(TenantApi.class, "listClusters");
    /** whoami names at most this many workspaces; the total is always given. */
    static final int WORKSPACE_SAMPLE = 200;

    public record Identity(String username, @JsonProperty("platform_role") String platformRole, String email,
            List<String> workspaces, @JsonProperty("workspaces_total") int workspacesTotal) {
    }

    public record Cluster(String name, boolean host, boolean ready, @JsonProperty("kubernetes_version") String kubernetesVersion,
            String provider) {

        static Cluster from(JsonNode node) {
            boolean ready = StreamSupport.stream(node.path("status").path("conditions").spliterator(), false)
                    .anyMatch(c -> "Ready".equals(c.path("type").asText()) && "True".equals(c.path("status").asText()));
            return new Cluster(Kube.name(node), Kube.hasLabel(node, "cluster-role.kubesphere.io/host"), ready,
                    Kube.text(node.path("status").path("kubernetesVersion")),
                    Kube.text(node.path("spec").path("provider")));
        }
    }

    @Override
    public List<ToolDefinition<?, ?>> tools() {
        return List.of(whoami(), listClusters());
    }

    ToolDefinition<NoInput, Identity> whoami() {
        return ToolDefinition.read("whoami", Toolset.tenant, NoInput.class, Identity.class)
                .title("Who am I")
                .description("Show who this server acts as in KubeSphere: username, platform role, email, visible "
                        + "workspaces. Call first.")
                .routes(GET_USER, LIST_WORKSPACES)
                .text(id -> id.username()
                        + (id.platformRole() == null ? " (no platform role)" : " (platform role " + id.platformRole() + ")")
                        + ", sees "
                        + Counted.of(id.workspacesTotal(), "workspace")
                        + (id.workspaces().isEmpty() ? "" : ": " + String.join(", ", id.workspaces())))
                .handler(this::whoami);
    }

    private Uni<Identity> whoami(ToolContext ctx, NoInput in) {
        String username = ctx.kubesphere().knownUsername().orElseThrow(() -> ToolError.refused(
                "Cannot tell who the configured token belongs to (it is not a KubeSphere JWT with a "
                        + "username claim). Use KUBESPHERE_USERNAME/KUBESPHERE_PASSWORD instead."));
        Uni<JsonNode> user = ctx.kubesphere()
                .call(auth -> ctx.kubesphere().iam().getUser(auth, username));
        Uni<JsonNode> workspaces = ctx.kubesphere().call(auth -> ctx.kubesphere().tenant()
                .listWorkspaces(auth, null, 1, WORKSPACE_SAMPLE));
        return Uni.combine().all().unis(user, workspaces).asTuple().map(t -> new Identity(username,
                Kube.annotation(t.getItem1(), "iam.kubesphere.io/globalrole"),
                Kube.text(t.getItem1().path("spec").path("email")),
                Kube.items(t.getItem2(), Kube::name), Kube.total(t.getItem2())));
    }

    ToolDefinition<PageInput, Page<Cluster>> listClusters() {
        return ToolDefinition.read("list_clusters", Toolset.tenant, PageInput.class, Page.of(Cluster.class))
                .title("List clusters")
                .description("List the clusters you may use: host flag, readiness, Kubernetes version. Needed to "
                        + "create workspaces and projects.")
                .routes(LIST_CLUSTERS)
                .text(list -> list.render("cluster",
                        c -> c.name() + (c.host() ? " (host)" : "") + (c.ready() ? " ready" : " NOT ready"), ", "))
                .handler(this::listClusters);
    }

    private Uni<Page<Cluster>> listClusters(ToolContext ctx, PageInput in) {
        return ctx.kubesphere()
                .call(auth -> ctx.kubesphere().tenant().listClusters(auth, in.page(), in.limit()))
                .map(body -> Page.from(body, in.paging(), Cluster::from));
    }
}
