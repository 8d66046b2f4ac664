package io.kubesphere.mcp.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.kubesphere.mcp.catalog.Default;
import io.kubesphere.mcp.catalog.Paging;
import io.kubesphere.mcp.catalog.ToolDefinition;
import io.kubesphere.mcp.catalog.ToolProvider;
import io.kubesphere.mcp.catalog.Toolset;
import io.kubesphere.mcp.kubesphere.Kube;
import io.kubesphere.mcp.kubesphere.KsCall;
import io.kubesphere.mcp.kubesphere.Route;
import io.kubesphere.mcp.policy.Names;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.stream.Collectors;

/** Workspaces: the top-level tenant unit. */
@ApplicationScoped
public class WorkspaceTools implements ToolProvider {

    static final String TENANT = "/kapis/tenant.kubesphere.io/v1beta1";
    static final Route LIST = Route.get(TENANT + "/workspacetemplates");
    static final Route GET = Route.get(TENANT + "/workspacetemplates/{workspace}");

    public record ListInput(
            @JsonPropertyDescription("Only workspaces whose name contains this text") @Size(max = 253, message = Names.FILTER_RULE) String name,
            @JsonPropertyDescription("Page number, from 1") @Min(1) @Default("1") Integer page,
            @JsonPropertyDescription("Items per page, at most 200") @Min(1) @Max(200) @Default("20") Integer limit) {
    }

    public record GetInput(
            @JsonPropertyDescription("Workspace name") @NotNull @Size(min = 1, max = 63, message = Names.DNS_LABEL_RULE)
            @Pattern(regexp = Names.DNS_LABEL, message = Names.DNS_LABEL_RULE) String workspace) {
    }

    public record WorkspaceList(List<Workspace> items, int total, int page, int limit,
            @JsonProperty("has_more") boolean hasMore) {
    }

    @Override
    public List<ToolDefinition<?, ?>> tools() {
        return List.of(listWorkspaces(), getWorkspace());
    }

    ToolDefinition<ListInput, WorkspaceList> listWorkspaces() {
        return ToolDefinition.read("list_workspaces", Toolset.tenant, ListInput.class, WorkspaceList.class)
                .title("List workspaces")
                .description("List the KubeSphere workspaces visible to the current user, with their clusters and "
                        + "manager. Filter by name substring.")
                .routes(LIST)
                .text(list -> Paging.of(list.page(), list.limit()).describe(list.items().size(), list.total())
                        + " workspaces: " + list.items().stream().map(Workspace::line).collect(Collectors.joining("; ")))
                .handler((ctx, in) -> {
                    Paging paging = Paging.of(in.page(), in.limit());
                    return ctx.kubesphere().send(paging.apply(KsCall.of(LIST).query("name", in.name())))
                            .map(body -> {
                                int total = Kube.total(body);
                                return new WorkspaceList(Kube.items(body, Workspace::from), total, paging.page(),
                                        paging.limit(), paging.hasMore(total));
                            });
                });
    }

    ToolDefinition<GetInput, Workspace> getWorkspace() {
        return ToolDefinition.read("get_workspace", Toolset.tenant, GetInput.class, Workspace.class)
                .title("Get a workspace")
                .description("Get one workspace: its clusters, manager, creator, description and creation time.")
                .routes(GET)
                .text(ws -> "Workspace " + ws.line() + (ws.description() == null ? "" : ": " + ws.description()))
                .handler((ctx, in) -> ctx.kubesphere().send(KsCall.of(GET, "workspace", in.workspace()))
                        .map(Workspace::from));
    }
}
