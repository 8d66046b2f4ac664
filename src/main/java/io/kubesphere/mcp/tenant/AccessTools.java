package io.kubesphere.mcp.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.kubesphere.mcp.catalog.ToolContext;
import io.kubesphere.mcp.catalog.ToolDefinition;
import io.kubesphere.mcp.catalog.ToolError;
import io.kubesphere.mcp.catalog.ToolProvider;
import io.kubesphere.mcp.catalog.Toolset;
import io.kubesphere.mcp.kubesphere.Kube;
import io.kubesphere.mcp.kubesphere.KubeSphereError;
import io.kubesphere.mcp.kubesphere.Route;
import io.kubesphere.mcp.kubesphere.api.Routes;
import io.kubesphere.mcp.kubesphere.api.TenantApi;
import io.kubesphere.mcp.policy.Roles;
import io.kubesphere.mcp.policy.Username;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a user can do where, in one answer: platform role and state, then per workspace their role and, per project
 * and DevOps project they reach, their own role there. So an agent can look before it grants.
 *
 * <p>The fan-out is bounded: one GET of the user; a platform-admin stops there (they may do everything). Otherwise one
 * list of at most {@value #WORKSPACES_MAX} workspaces; one member look-up per workspace; for each workspace the user is
 * in, one project list per cluster of the workspace (at most {@value #LISTINGS_MAX} in all, {@value #PROJECTS_MAX}
 * projects each); and one role look-up per project (at most {@value #PROJECTS_MAX} in all). At most
 * {@value #CONCURRENCY} requests are in flight. Whatever a bound cut off is said in {@code notes} and makes
 * {@code complete} false.
 */
@ApplicationScoped
public class AccessTools implements ToolProvider {

    static final Route MEMBER_PROJECTS = Routes.route(TenantApi.class, "listMemberProjects");
    static final int WORKSPACES_MAX = 30;
    static final int LISTINGS_MAX = 30;
    static final int PROJECTS_MAX = 30;
    static final int CONCURRENCY = 4;
    static final String DEVOPS_LABEL = "kubesphere.io/devopsproject";

    /** role is the bound role's name, null when the access comes from the workspace role only. */
    public record ProjectAccess(String cluster, String project, @JsonProperty("devops_project") boolean devopsProject,
            String role, @JsonProperty("built_in_role") String builtInRole) {

        String line() {
            return (devopsProject ? "DevOps project " : "project ") + project + " (" + cluster + "): "
                    + (role == null ? "through the workspace role" : builtInRole != null ? builtInRole
                    : role + " (custom)");
        }
    }

    public record WorkspaceAccess(String workspace, String role, @JsonProperty("built_in_role") String builtInRole,
            List<ProjectAccess> projects) {
    }

    public record UserAccess(String username, String state, @JsonProperty("platform_role") String platformRole,
            List<WorkspaceAccess> workspaces, @JsonProperty("workspaces_checked") int workspacesChecked,
            @JsonProperty("workspaces_total") int workspacesTotal, boolean complete, List<String> notes) {
    }

    public record Input(
            @JsonPropertyDescription("Username") @NotNull @Username String username) {
    }

    /** What is left of the bounds, shared by the concurrent branches of one call. */
    private record Budget(AtomicInteger listings, AtomicInteger lookups, List<String> notes) {

        static Budget fresh() {
            return new Budget(new AtomicInteger(LISTINGS_MAX), new AtomicInteger(PROJECTS_MAX),
                    Collections.synchronizedList(new ArrayList<>()));
        }
    }

    @Override
    public List<ToolDefinition<?, ?>> tools() {
        return List.of(explainUserAccess());
    }

    ToolDefinition<Input, UserAccess> explainUserAccess() {
        return ToolDefinition.read("explain_user_access", Toolset.tenant, Input.class, UserAccess.class)
                .title("Explain a user's access")
                .description("Show a user's platform, workspace, project and DevOps roles in one answer; check "
                        + "before granting.")
                .routes(UserTools.GET, WorkspaceTools.LIST, MemberTools.LIST_WS, MEMBER_PROJECTS, MemberTools.LIST_NS)
                .text(AccessTools::render)
                .handler(this::explainUserAccess);
    }

    private Uni<UserAccess> explainUserAccess(ToolContext ctx, Input in) {
        return ctx.kubesphere()
                .call(auth -> ctx.kubesphere().iam().getUser(auth, in.username()))
                .onFailure(e -> status(e) == 404).transform(e -> ToolError.invalid("There is no KubeSphere "
                        + "user '" + in.username() + "'. Check the spelling with list_users."))
                .chain(user -> explain(ctx, in.username(), user));
    }

    private static Uni<UserAccess> explain(ToolContext ctx, String username, JsonNode user) {
        String platformRole = Kube.annotation(user, Tenants.GLOBALROLE);
        String state = Kube.text(user.path("status").path("state"));
        if ("platform-admin".equals(platformRole)) {
            return Uni.createFrom().item(new UserAccess(username, state, platformRole, List.of(), 0, 0, true,
                    List.of("platform-admin may do everything in every workspace, project and DevOps project; "
                            + "memberships are not listed one by one.")));
        }
        Budget budget = Budget.fresh();
        return ctx.kubesphere()
                .call(auth -> ctx.kubesphere().tenant().listWorkspaces(auth, null, 1, WORKSPACES_MAX))
                .chain(list -> {
                    List<JsonNode> templates = Kube.items(list, t -> t);
                    int total = Kube.total(list);
                    if (total > templates.size()) {
                        budget.notes().add("Only the newest " + templates.size() + " of " + total
                                + " workspaces were checked.");
                    }
                    return Multi.createFrom().iterable(templates)
                            .onItem().transformToUni(t -> workspace(ctx, username, t, budget)).merge(CONCURRENCY)
                            .collect().asList()
                            .map(found -> {
                                List<WorkspaceAccess> sorted = found.stream().filter(Objects::nonNull)
                                        .sorted(Comparator.comparing(WorkspaceAccess::workspace)).toList();
                                List<String> notes = List.copyOf(budget.notes());
                                return new UserAccess(username, state, platformRole, sorted, templates.size(), total,
                                        notes.isEmpty(), notes);
                            });
                });
    }

    /** The user's role in one workspace and their projects there, or null when they are not a member. */
    private static Uni<WorkspaceAccess> workspace(ToolContext ctx, String username, JsonNode template, Budget budget) {
        String ws = Kube.name(template);
        return ctx.kubesphere()
                .call(auth -> ctx.kubesphere().iam().listWorkspaceMembers(auth, ws, username, null, null))
                .onFailure(e -> status(e) == 403 || status(e) == 404).recoverWithItem(e -> {
                    budget.notes().add("Workspace " + ws + ": its members could not be read (" + status(e) + ").");
                    return null;
                })
                .chain(members -> {
                    JsonNode member = members == null ? null : Kube.items(members, m -> m).stream()
                            .filter(m -> username.equals(Kube.name(m))).findFirst().orElse(null);
                    if (member == null) {
                        return Uni.createFrom().<WorkspaceAccess>nullItem();
                    }
                    String role = Kube.annotation(member, MemberTools.WORKSPACE_ROLE_ANNOTATION);
                    List<String> clusters = Kube.items(template.path("spec").path("placement").path("clusters"),
                            c -> Kube.text(c.path("name"))).stream().filter(Objects::nonNull).toList();
                    return Multi.createFrom().iterable(clusters)
                            .onItem().transformToUni(c -> projects(ctx, username, ws, c, budget)).merge(CONCURRENCY)
                            .collect().asList()
                            .map(lists -> new WorkspaceAccess(ws, role, Roles.builtInWorkspaceRole(ws, role),
                                    lists.stream().flatMap(List::stream)
                                            .sorted(Comparator.comparing(ProjectAccess::cluster)
                                                    .thenComparing(ProjectAccess::project)).toList()));
                });
    }

    private static Uni<List<ProjectAccess>> projects(ToolContext ctx, String username, String ws, String cluster,
            Budget budget) {
        if (budget.listings().getAndDecrement() <= 0) {
            budget.notes().add("Workspace " + ws + " on cluster " + cluster + ": projects not checked (bound of "
                    + LISTINGS_MAX + " project lists reached).");
            return Uni.createFrom().item(List.of());
        }
        return ctx.kubesphere().call(auth -> ctx.kubesphere().tenant().listMemberProjects(auth, cluster, ws,
                        username, 1, PROJECTS_MAX))
                .onFailure(e -> status(e) == 403 || status(e) == 404).recoverWithItem(e -> {
                    budget.notes().add("Workspace " + ws + " on cluster " + cluster + ": projects could not be read ("
                            + status(e) + ").");
                    return null;
                })
                .chain(list -> {
                    List<JsonNode> namespaces = list == null ? List.of() : Kube.items(list, n -> n);
                    if (list != null && Kube.total(list) > namespaces.size()) {
                        budget.notes().add("Workspace " + ws + " on cluster " + cluster + ": only " + namespaces.size()
                                + " of " + Kube.total(list) + " projects listed.");
                    }
                    return Multi.createFrom().iterable(namespaces)
                            .onItem().transformToUni(ns -> projectRole(ctx, username, cluster, ns, budget))
                            .merge(CONCURRENCY).collect().asList();
                });
    }

    private static Uni<ProjectAccess> projectRole(ToolContext ctx, String username, String cluster, JsonNode ns,
            Budget budget) {
        String project = Kube.name(ns);
        boolean devops = Kube.hasLabel(ns, DEVOPS_LABEL);
        if (budget.lookups().getAndDecrement() <= 0) {
            budget.notes().add("Project " + project + " (" + cluster + "): role not checked (bound of " + PROJECTS_MAX
                    + " role look-ups reached).");
            return Uni.createFrom().item(new ProjectAccess(cluster, project, devops, null, null));
        }
        return ctx.kubesphere().call(auth -> ctx.kubesphere().iam().listProjectMembers(auth, cluster, project,
                        username, null, null))
                .onFailure(e -> status(e) == 403 || status(e) == 404).recoverWithItem(e -> {
                    budget.notes().add("Project " + project + " (" + cluster + "): its members could not be read ("
                            + status(e) + ").");
                    return null;
                })
                .map(members -> {
                    String role = members == null ? null : Kube.items(members, m -> m).stream()
                            .filter(m -> username.equals(Kube.name(m)))
                            .map(m -> Kube.annotation(m, MemberTools.ROLE_ANNOTATION)).filter(Objects::nonNull)
                            .findFirst().orElse(null);
                    return new ProjectAccess(cluster, project, devops, role,
                            role != null && Roles.builtInProject(role) ? role : null);
                });
    }

    private static int status(Throwable e) {
        return e instanceof KubeSphereError k ? k.status() : -1;
    }

    private static String render(UserAccess a) {
        StringBuilder out = new StringBuilder(a.username()).append(" (").append(a.state() == null ? "state unknown"
                : a.state()).append("), platform role ").append(a.platformRole() == null ? "none" : a.platformRole());
        if (a.workspaces().isEmpty()) {
            out.append(". ").append(a.workspacesChecked() == 0 ? "" : "Member of no workspace checked.");
        }
        for (WorkspaceAccess w : a.workspaces()) {
            out.append(". Workspace ").append(w.workspace()).append(": ")
                    .append(w.builtInRole() != null ? w.builtInRole() : w.role() + " (custom)");
            w.projects().forEach(p -> out.append("; ").append(p.line()));
        }
        if (a.workspacesChecked() > 0) {
            out.append(" (checked ").append(a.workspacesChecked()).append(" of ").append(a.workspacesTotal())
                    .append(" workspaces)");
        }
        a.notes().forEach(n -> out.append(" Note: ").append(n));
        return out.toString().trim();
    }
}
