package io.kubesphere.mcp.tenant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.catalog.ToolContext;
import io.kubesphere.mcp.catalog.ToolDefinition;
import io.kubesphere.mcp.catalog.ToolError;
import io.kubesphere.mcp.catalog.ToolProvider;
import io.kubesphere.mcp.catalog.Toolset;
import io.kubesphere.mcp.kubesphere.KubeSphereError;
import io.kubesphere.mcp.kubesphere.Route;
import io.kubesphere.mcp.kubesphere.api.Routes;
import io.kubesphere.mcp.kubesphere.api.TenantApi;
import io.kubesphere.mcp.policy.DnsLabel;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A workspace's resource quota on one cluster: KubeSphere v4's quota.kubesphere.io ResourceQuota, served under
 * {@code workspaces/{workspace}/resourcequotas}. That API has no list, so the quota is the one the console uses,
 * named after the workspace. Setting reads first and reports each limit before and after.
 */
@ApplicationScoped
public class QuotaTools implements ToolProvider {

    static final Route GET = Routes.route(TenantApi.class, "getWorkspaceQuota");
    static final Route CREATE = Routes.route(TenantApi.class, "createWorkspaceQuota");
    static final Route UPDATE = Routes.route(TenantApi.class, "updateWorkspaceQuota");
    /** A Kubernetes resource name as quotas use them: limits.cpu, pods, count/deployments.apps, requests.nvidia.com/gpu. */
    static final String RESOURCE = "^([a-z0-9]+([-.][a-z0-9]+)*/)?[a-z0-9]+([-.][a-z0-9]+)*$";
    static final String RESOURCE_RULE = "must be a quota resource name such as limits.cpu, requests.memory, pods or "
            + "count/deployments.apps";
    /** resource.Quantity without a sign: a quota limit cannot be negative. */
    static final String QUANTITY = "^\\+?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E"
            + "|[eE][+-]?[0-9]+)?$";
    static final String QUANTITY_RULE = "must be a non-negative Kubernetes quantity such as 4, 500m, 8Gi or 1e3 "
            + "(at most 64 characters)";
    static final int MAX_LIMITS = 30;

    public record Quota(String workspace, String cluster, boolean exists, Map<String, String> hard,
            Map<String, String> used) {
    }

    /** One limit's change; null before means it was not limited, after is what KubeSphere stored. */
    public record Change(String resource, String before, String after) {
    }

    public record QuotaChange(String workspace, String cluster, boolean created, List<Change> changes,
            Map<String, String> hard) {
    }

    public record GetInput(
            @JsonPropertyDescription("Cluster, e.g. host") @NotNull @DnsLabel String cluster,
            @JsonPropertyDescription("Workspace") @NotNull @DnsLabel String workspace) {
    }

    public record SetInput(
            @JsonPropertyDescription("Cluster, e.g. host") @NotNull @DnsLabel String cluster,
            @JsonPropertyDescription("Workspace") @NotNull @DnsLabel String workspace,
            @JsonPropertyDescription("Limits to set, e.g. {\"limits.cpu\":\"8\",\"limits.memory\":\"16Gi\"}; others "
                    + "are kept") @NotNull
            @Size(min = 1, max = MAX_LIMITS, message = "must set 1 to 30 limits")
            Map<@Size(max = 253, message = RESOURCE_RULE) @Pattern(regexp = RESOURCE, message = RESOURCE_RULE) String,
                    @NotNull @Size(max = 64, message = QUANTITY_RULE) @Pattern(regexp = QUANTITY,
                            message = QUANTITY_RULE) String> hard) {
    }

    @Override
    public List<ToolDefinition<?, ?>> tools() {
        return List.of(getQuota(), setQuota());
    }

    ToolDefinition<GetInput, Quota> getQuota() {
        return ToolDefinition.read("get_workspace_quota", Toolset.tenant, GetInput.class, Quota.class)
                .title("Get a workspace quota")
                .description("Get a workspace's resource quota on a cluster: limits and usage.")
                .routes(GET)
                .text(QuotaTools::render)
                .handler(this::getQuota);
    }

    private Uni<Quota> getQuota(ToolContext ctx, GetInput in) {
        return read(ctx, in.cluster(), in.workspace())
                .map(stored -> quota(in.workspace(), in.cluster(), stored));
    }

    ToolDefinition<SetInput, QuotaChange> setQuota() {
        return ToolDefinition.write("set_workspace_quota", Toolset.tenant, true, SetInput.class, QuotaChange.class)
                .title("Set a workspace quota")
                .description("Set resource limits of a workspace on a cluster (other limits kept); shows before and "
                        + "after.")
                .routes(GET, WorkspaceTools.GET, CREATE, UPDATE)
                .text(QuotaTools::render)
                .handler(this::setQuota);
    }

    private Uni<QuotaChange> setQuota(ToolContext ctx, SetInput in) {
        return apply(ctx, in)
                // A concurrent change bumped resourceVersion (KubeSphere answers it as 500): read, retry once.
                .onFailure(QuotaTools::modified).recoverWithUni(() -> apply(ctx, in));
    }

    /** The stored quota, or null when the workspace has none on that cluster. */
    private static Uni<JsonNode> read(ToolContext ctx, String cluster, String workspace) {
        return ctx.kubesphere()
                .call(auth -> ctx.kubesphere().tenant().getWorkspaceQuota(auth, cluster, workspace, workspace))
                .onFailure(e -> e instanceof KubeSphereError k && k.status() == 404).recoverWithItem((JsonNode) null)
                .onFailure().transform(e -> Tenants.forbiddenIn(e, "workspace " + workspace));
    }

    private static Uni<QuotaChange> apply(ToolContext ctx, SetInput in) {
        Map<String, String> wanted = new TreeMap<>(in.hard());
        return read(ctx, in.cluster(), in.workspace()).chain(stored -> {
            Map<String, String> before = stored == null ? Map.of() : hard(stored);
            Uni<JsonNode> written = stored == null
                    ? workspaceExists(ctx, in.workspace()).chain(() -> ctx.kubesphere()
                            .call(auth -> ctx.kubesphere().tenant().createWorkspaceQuota(auth, in.cluster(),
                                    in.workspace(), newQuota(in.workspace(), wanted))))
                    : ctx.kubesphere().call(auth -> ctx.kubesphere().tenant().updateWorkspaceQuota(auth, in.cluster(),
                            in.workspace(), in.workspace(), updated(stored, wanted)));
            return written.onFailure().transform(e -> Tenants.forbiddenIn(e, "workspace " + in.workspace()))
                    .map(after -> change(in, stored == null, before, after == null ? Map.of() : hard(after)));
        });
    }

    /** KubeSphere creates a quota for any workspace name, so a missing workspace is caught here. */
    private static Uni<Void> workspaceExists(ToolContext ctx, String workspace) {
        return ctx.kubesphere().call(auth -> ctx.kubesphere().tenant().getWorkspace(auth, workspace))
                .onFailure(e -> e instanceof KubeSphereError k && k.status() == 403).recoverWithItem((JsonNode) null)
                .onFailure(e -> e instanceof KubeSphereError k && k.status() == 404).transform(e -> ToolError.invalid(
                        "There is no workspace '" + workspace + "', so no quota was set. Check the name with "
                                + "list_workspaces."))
                .replaceWithVoid();
    }

    private static ObjectNode newQuota(String workspace, Map<String, String> wanted) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("apiVersion", "quota.kubesphere.io/v1alpha2").put("kind", "ResourceQuota");
        body.putObject("metadata").put("name", workspace).putObject("labels").put(Tenants.WORKSPACE_LABEL, workspace);
        ObjectNode spec = body.putObject("spec");
        spec.putObject("selector").put(Tenants.WORKSPACE_LABEL, workspace);
        ObjectNode hard = spec.putObject("quota").putObject("hard");
        wanted.forEach(hard::put);
        return body;
    }

    /** The stored object (resourceVersion included) without status, with the wanted limits merged in. */
    private static ObjectNode updated(JsonNode stored, Map<String, String> wanted) {
        ObjectNode body = ((ObjectNode) stored).deepCopy();
        body.remove("status");
        ObjectNode spec = body.with("spec");
        ObjectNode quota = spec.with("quota");
        ObjectNode hard = quota.with("hard");
        wanted.forEach(hard::put);
        return body;
    }

    private static boolean modified(Throwable e) {
        return e instanceof KubeSphereError k && (k.status() == 409 || k.status() == 500)
                && k.upstreamMessage() != null && k.upstreamMessage().contains("the object has been modified");
    }

    private static Quota quota(String workspace, String cluster, JsonNode stored) {
        if (stored == null) {
            return new Quota(workspace, cluster, false, Map.of(), Map.of());
        }
        return new Quota(workspace, cluster, true, hard(stored),
                strings(stored.path("status").path("total").path("used")));
    }

    private static Map<String, String> hard(JsonNode quota) {
        return strings(quota.path("spec").path("quota").path("hard"));
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new TreeMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static QuotaChange change(SetInput in, boolean created, Map<String, String> before,
            Map<String, String> after) {
        List<Change> changes = new ArrayList<>();
        for (String resource : new TreeSet<>(in.hard().keySet())) {
            changes.add(new Change(resource, before.get(resource), after.getOrDefault(resource,
                    in.hard().get(resource))));
        }
        return new QuotaChange(in.workspace(), in.cluster(), created, changes, after);
    }

    private static String render(Quota q) {
        if (!q.exists()) {
            return "Workspace " + q.workspace() + " has no resource quota on cluster " + q.cluster()
                    + " (no limits). set_workspace_quota sets one.";
        }
        List<String> parts = new ArrayList<>();
        q.hard().forEach((k, v) -> parts.add(k + " " + q.used().getOrDefault(k, "?") + "/" + v));
        return "Quota of workspace " + q.workspace() + " on cluster " + q.cluster() + " (used/limit): "
                + (parts.isEmpty() ? "no limits" : String.join(", ", parts));
    }

    private static String render(QuotaChange c) {
        List<String> parts = new ArrayList<>();
        c.changes().forEach(ch -> parts.add(ch.resource() + " " + (ch.before() == null ? "unlimited" : ch.before())
                + " -> " + ch.after()));
        return (c.created() ? "Created the quota of" : "Updated the quota of") + " workspace " + c.workspace()
                + " on cluster " + c.cluster() + ": " + String.join(", ", parts);
    }
}
