package io.kubesphere.mcp.devops;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.kubesphere.mcp.catalog.Default;
import io.kubesphere.mcp.catalog.Paging;
import io.kubesphere.mcp.catalog.ToolDefinition;
import io.kubesphere.mcp.catalog.ToolError;
import io.kubesphere.mcp.catalog.ToolProvider;
import io.kubesphere.mcp.catalog.Toolset;
import io.kubesphere.mcp.devops.DevOpsViews.Credential;
import io.kubesphere.mcp.devops.DevOpsViews.DevOpsProject;
import io.kubesphere.mcp.kubesphere.Kube;
import io.kubesphere.mcp.kubesphere.KubeSphereError;
import io.kubesphere.mcp.kubesphere.Route;
import io.kubesphere.mcp.kubesphere.api.DevOpsApi;
import io.kubesphere.mcp.policy.DnsLabel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.util.List;


/** DevOps projects (namespaces of a workspace) and the credentials in them. */
@ApplicationScoped
public class DevOpsProjectTools implements ToolProvider {

    /** Through the workspace, never the cluster-scoped devopsprojects resource (cluster-admin only). */
    static final Route[] LIST_PROJECTS = Scoped.routes(DevOpsApi.class, "listDevOpsProjects");
    static final Route[] LIST_CREDENTIALS = Scoped.routes(DevOpsApi.class, "listCredentials");

    public record ListProjectsInput(
            @JsonPropertyDescription("Workspace whose DevOps projects to list") @NotNull
            @DnsLabel String workspace,
            @JsonPropertyDescription(DevOpsInputs.CLUSTER) @DnsLabel String cluster,
            @Min(1) @Default("1") Integer page,
            @Min(1) @Max(200) @Default("20") Integer limit) {
    }

    public record ListCredentialsInput(
            @JsonPropertyDescription(DevOpsInputs.DEVOPS_PROJECT) @JsonProperty("devops_project") @NotNull
            @DnsLabel String devopsProject,
            @JsonPropertyDescription(DevOpsInputs.CLUSTER) @DnsLabel String cluster,
            @Min(1) @Default("1") Integer page,
            @Min(1) @Max(200) @Default("20") Integer limit) {
    }

    public record DevOpsProjectList(List<DevOpsProject> items, int total, int page, int limit,
            @JsonProperty("has_more") boolean hasMore) {
    }

    public record CredentialList(List<Credential> items, int total, int page, int limit,
            @JsonProperty("has_more") boolean hasMore) {
    }

    @Override
    public List<ToolDefinition<?, ?>> tools() {
        return List.of(listDevOpsProjects(), listCredentials());
    }

    ToolDefinition<ListProjectsInput, DevOpsProjectList> listDevOpsProjects() {
        return ToolDefinition.read("list_devops_projects", Toolset.devops, ListProjectsInput.class,
                        DevOpsProjectList.class)
                .title("List DevOps projects")
                .description("List the DevOps projects of a workspace you can access; pass a project's namespace as "
                        + "devops_project to the other DevOps tools.")
                .routes(LIST_PROJECTS)
                .text(list -> Paging.of(list.page(), list.limit()).render(list.total(), "DevOps project",
                        list.items().stream().map(DevOpsProject::line).toList(), ", "))
                .handler((ctx, in) -> {
                    Paging paging = Paging.of(in.page(), in.limit());
                    return ctx.kubesphere()
                            .call(auth -> Scoped.on(in.cluster())
                                    ? ctx.kubesphere().devops().listDevOpsProjects(auth, in.cluster(), in.workspace(), paging.page(),
                                            paging.limit())
                                    : ctx.kubesphere().devops().listDevOpsProjects(auth, in.workspace(), paging.page(), paging.limit()))
                            .map(body -> {
                                // ks-devops answers the literal null for a workspace without DevOps projects.
                                int total = Kube.total(body);
                                return new DevOpsProjectList(Kube.items(body, DevOpsProject::from), total,
                                        paging.page(), paging.limit(), paging.hasMore(total));
                            })
                            .onFailure(f -> f instanceof KubeSphereError e && e.status() == 403)
                            .transform(f -> ToolError.refused("No permission in workspace " + in.workspace()
                                    + ctx.kubesphere().knownUsername().map(u -> " for user " + u).orElse("")
                                    + ": its DevOps projects are visible only to its members. Use list_workspaces "
                                    + "to see the workspaces you belong to, or ask a workspace administrator to "
                                    + "invite you."));
                });
    }

    ToolDefinition<ListCredentialsInput, CredentialList> listCredentials() {
        return ToolDefinition.read("list_credentials", Toolset.devops, ListCredentialsInput.class,
                        CredentialList.class)
                .title("List DevOps credentials")
                .description("List a DevOps project's credentials (name, type, description; never secrets), e.g. to "
                        + "pick a credential_id.")
                .routes(LIST_CREDENTIALS)
                .text(list -> Paging.of(list.page(), list.limit()).render(list.total(), "credential",
                        list.items().stream().map(c -> c.name() + " (" + c.type() + ")").toList(), ", "))
                .handler((ctx, in) -> {
                    Paging paging = Paging.of(in.page(), in.limit());
                    return ctx.kubesphere()
                            .call(auth -> Scoped.on(in.cluster())
                                    ? ctx.kubesphere().devops().listCredentials(auth, in.cluster(), in.devopsProject(), null,
                                            paging.page(), paging.limit())
                                    : ctx.kubesphere().devops().listCredentials(auth, in.devopsProject(), null, paging.page(),
                                            paging.limit()))
                            .map(body -> {
                                int total = Kube.total(body);
                                return new CredentialList(Kube.items(body, Credential::from), total, paging.page(),
                                        paging.limit(), paging.hasMore(total));
                            });
                });
    }
}
