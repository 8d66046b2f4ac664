package io.kubesphere.mcp.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
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
import io.kubesphere.mcp.kubesphere.KsAuth;
import io.kubesphere.mcp.kubesphere.Kube;
import io.kubesphere.mcp.kubesphere.Route;
import io.kubesphere.mcp.kubesphere.api.IamApi;
import io.kubesphere.mcp.kubesphere.api.Routes;
import io.kubesphere.mcp.policy.DnsLabel;
import io.kubesphere.mcp.policy.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.core.Response;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/** The roles of each scope, so that an agent can tell built-in roles (which it may grant) from custom ones. */
@ApplicationScoped
public class RoleTools implements ToolProvider {

    static final Route GLOBAL = Routes.route(IamApi.class, "listGlobalRoles");
    static final Route CLUSTER = Routes.route(IamApi.class, "listClusterRoles");
    static final Route WORKSPACE = Routes.route(IamApi.class, "listWorkspaceRoles");
    static final Route PROJECT = Routes.route(IamApi.class, "listProjectRoles");
    /** Like the console: roles without a creator are system internals (anonymous, authenticated, …). */
    static final String HAS_CREATOR = Tenants.CREATOR;

    public enum Scope {
        PLATFORM("platform"), CLUSTER("cluster"), WORKSPACE("workspace"), PROJECT("project");

        private final String wire;

        Scope(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }

    public record Role(String name, @JsonProperty("built_in") boolean builtIn, boolean assignable,
            String description) {
    }

    public record ListInput(
            @JsonPropertyDescription("platform (global roles), cluster (needs cluster), workspace (needs workspace) "
                    + "or project (needs cluster and project)") @NotNull Scope scope,
            @JsonPropertyDescription("Workspace, for scope workspace") @DnsLabel String workspace,
            @JsonPropertyDescription("Cluster, for scope cluster or project") @DnsLabel String cluster,
            @JsonPropertyDescription("Project, for scope project") @DnsLabel String project,
            @PageNumber Integer page,
            @PageSize Integer limit) implements Paged {
    }

    @Override
    public List<ToolDefinition<?, ?>> tools() {
        return List.of(listRoles());
    }

    ToolDefinition<ListInput, Page<Role>> listRoles() {
        return ToolDefinition.read("list_roles", Toolset.tenant, ListInput.class, Page.of(Role.class))
                .title("List roles")
                .description("List platform, cluster, workspace or project roles, marking the built-in ones; only "
                        + "built-in roles can be assigned here.")
                .routes(GLOBAL, CLUSTER, WORKSPACE, PROJECT)
                .textWith((in, list) -> list.render(scope(in) + " role",
                        r -> r.name() + (r.builtIn() ? " (built-in)" : " (custom, not assignable here)"), ", "))
                .handler(this::listRoles);
    }

    private Uni<Page<Role>> listRoles(ToolContext ctx, ListInput in) {
        Paging paging = in.paging();
        IamApi iam = ctx.kubesphere().iam();
        Function<KsAuth, Uni<Response>> call;
        Predicate<String> builtIn;
        Predicate<String> inEnums;
        switch (in.scope()) {
            case WORKSPACE -> {
                require(in.workspace(), "workspace", "workspace");
                call = auth -> iam.listWorkspaceRoles(auth, in.workspace(), HAS_CREATOR, paging.page(),
                        paging.limit());
                builtIn = name -> Roles.builtInWorkspace(in.workspace(), name);
                inEnums = name -> Arrays.stream(Roles.WorkspaceRole.values())
                        .anyMatch(r -> name.equals(Roles.workspaceRoleRef(in.workspace(), r)));
            }
            case CLUSTER -> {
                require(in.cluster(), "cluster", "cluster");
                call = auth -> iam.listClusterRoles(auth, in.cluster(), HAS_CREATOR, paging.page(),
                        paging.limit());
                builtIn = Roles::builtInCluster;
                // No tool grants cluster roles: a person does that in the console.
                inEnums = name -> false;
            }
            case PROJECT -> {
                require(in.cluster(), "cluster", "project");
                require(in.project(), "project", "project");
                call = auth -> iam.listProjectRoles(auth, in.cluster(), in.project(), HAS_CREATOR,
                        paging.page(), paging.limit());
                builtIn = Roles::builtInProject;
                inEnums = name -> Arrays.stream(Roles.ProjectRole.values())
                        .anyMatch(r -> name.equals(r.wire()));
            }
            default -> {
                call = auth -> iam.listGlobalRoles(auth, HAS_CREATOR, paging.page(), paging.limit());
                builtIn = Roles::builtInGlobal;
                inEnums = name -> Arrays.stream(Roles.PlatformRole.values())
                        .anyMatch(r -> name.equals(r.wire()));
            }
        }
        return ctx.kubesphere().call(call)
                .onFailure().transform(e -> in.scope() == Scope.PLATFORM ? e : Tenants.forbiddenIn(e, scope(in)))
                .map(body -> {
                    int total = total(body);
                    List<Role> roles = Kube.items(body, r -> {
                        String name = Kube.name(r);
                        boolean isBuiltIn = name != null && builtIn.test(name);
                        return new Role(name, isBuiltIn, isBuiltIn && inEnums.test(name),
                                Kube.annotation(r, Tenants.DESCRIPTION));
                    });
                    return Page.of(roles, total, paging);
                });
    }

    /** "platform", "workspace demo", "cluster host", "project demo-project": what the roles belong to. */
    private static String scope(ListInput in) {
        return switch (in.scope()) {
            case WORKSPACE -> "workspace " + in.workspace();
            case CLUSTER -> "cluster " + in.cluster();
            case PROJECT -> "project " + in.project();
            case PLATFORM -> "platform";
        };
    }

    private static void require(String value, String parameter, String scope) {
        if (value == null || value.isBlank()) {
            throw ToolError.invalid("list_roles with scope " + scope + " needs '" + parameter + "'"
                    + ("project".equals(scope) ? " (scope project needs both cluster and project)" : "")
                    + ". Nothing was sent to KubeSphere.");
        }
    }

    /** The v4 dynamic-resource handler answers a Kubernetes List with the total in metadata.continue. */
    static int total(JsonNode body) {
        String value = Kube.text(body == null ? null : body.path("metadata").path("continue"));
        if (value != null) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException ignored) {
                // a real continue token: fall back to what is there
            }
        }
        return Kube.total(body);
    }
}
