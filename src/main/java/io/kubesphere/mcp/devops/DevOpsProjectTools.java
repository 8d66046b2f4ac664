package io.kubesphere.mcp.devops;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
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
import io.kubesphere.mcp.devops.DevOpsViews.Credential;
import io.kubesphere.mcp.devops.DevOpsViews.DevOpsProject;
import io.kubesphere.mcp.kubesphere.KubeSphereError;
import io.kubesphere.mcp.kubesphere.Route;
import io.kubesphere.mcp.kubesphere.api.DevOpsApi;
import io.kubesphere.mcp.policy.DnsLabel;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
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
            @PageNumber Integer page,
            @PageSize Integer limit) implements Paged {
    }

    public record ListCredentialsInput(
            @JsonPropertyDescription(DevOpsInputs.DEVOPS_PROJECT) @JsonProperty("devops_project") @NotNull
            @DnsLabel String devopsProject,
            @JsonPropertyDescription(DevOpsInputs.CLUSTER) @DnsLabel String cluster,
            @PageNumber Integer page,
            @PageSize Integer limit) implements Paged {
    }

    @Override
    public List<ToolDefinition<?, ?>> tools() {
        return List.of(listDevOpsProjects(), listCredentials());
    }

    ToolDefinition<ListProjectsInput, Page<DevOpsProject>> listDevOpsProjects() {
        return ToolDefinition.read("list_devops_projects", Toolset.devops, ListProjectsInput.class,
                        Page.of(DevOpsProject.class))
                .title("List DevOps projects")
                .description("List the DevOps projects of a workspace you can access; pass a project's namespace as "
                        + "devops_project to the other DevOps tools.")
                .routes(LIST_PROJECTS)
                .text(list -> list.render("DevOps project", DevOpsProject::line, ", "))
                .handler(this::listDevOpsProjects);
    }

    private Uni<Page<DevOpsProject>> listDevOpsProjects(ToolContext ctx, ListProjectsInput in) {
        Paging paging = in.paging();
        return ctx.kubesphere()
                .call(auth -> Scoped.on(in.cluster())
                        ? ctx.kubesphere().devops().listDevOpsProjects(auth, in.cluster(), in.workspace(), paging.page(),
                                paging.limit())
                        : ctx.kubesphere().devops().listDevOpsProjects(auth, in.workspace(), paging.page(), paging.limit()))
                // ks-devops answers the literal null for a workspace without DevOps projects: an empty page.
                .map(body -> Page.from(body, paging, DevOpsProject::from))
                .onFailure(f -> f instanceof KubeSphereError e && e.status() == 403)
                .transform(f -> ToolError.refused("No permission in workspace " + in.workspace()
                        + ctx.kubesphere().knownUsername().map(u -> " for user " + u).orElse("")
                        + ": its DevOps projects are visible only to its members. Use list_workspaces "
                        + "to see the workspaces you belong to, or ask a workspace administrator to "
                        + "invite you."));
    }

    ToolDefinition<ListCredentialsInput, Page<Credential>> listCredentials() {
        return ToolDefinition.read("list_credentials", Toolset.devops, ListCredentialsInput.class,
                        Page.of(Credential.class))
                .title("List DevOps credentials")
                .description("List a DevOps project's credentials (name, type, description; never secrets), e.g. to "
                        + "pick a credential_id.")
                .routes(LIST_CREDENTIALS)
                .text(list -> list.render("credential", c -> c.name() + " (" + c.type() + ")", ", "))
                .handler(this::listCredentials);
    }

    private Uni<Page<Credential>> listCredentials(ToolContext ctx, ListCredentialsInput in) {
        Paging paging = in.paging();
        return ctx.kubesphere()
                .call(auth -> Scoped.on(in.cluster())
                        ? ctx.kubesphere().devops().listCredentials(auth, in.cluster(), in.devopsProject(), null,
                                paging.page(), paging.limit())
                        : ctx.kubesphere().devops().listCredentials(auth, in.devopsProject(), null, paging.page(),
                                paging.limit()))
                .map(body -> Page.from(body, paging, Credential::from));
    }
}
