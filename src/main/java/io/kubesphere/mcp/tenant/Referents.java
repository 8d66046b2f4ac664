package io.kubesphere.mcp.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesphere.mcp.catalog.ToolContext;
import io.kubesphere.mcp.catalog.ToolError;
import io.kubesphere.mcp.kubesphere.Kube;
import io.kubesphere.mcp.kubesphere.KubeSphereError;
import io.kubesphere.mcp.kubesphere.Route;
import io.kubesphere.mcp.kubesphere.api.IamApi;
import io.kubesphere.mcp.kubesphere.api.Routes;
import io.kubesphere.mcp.kubesphere.api.TenantApi;
import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * One read before a write, for what the write refers to and KubeSphere would not check: it binds roles to usernames
 * that have no account (a future account of that name would inherit them) and labels namespaces with workspaces that
 * do not exist. Tools that call these declare {@link #USER} or {@link #WORKSPACE} among their routes.
 */
final class Referents {

    static final Route USER = Routes.route(IamApi.class, "getUser");
    static final Route WORKSPACE = Routes.route(TenantApi.class, "getWorkspace");

    private Referents() {
    }

    /**
     * Completes with true when the user exists, false when the account in use may not read users (403: a workspace
     * admin may not), and fails with an isError result when there is no such user.
     */
    static Uni<Boolean> user(ToolContext ctx, String username) {
        return ctx.kubesphere().call(auth -> ctx.kubesphere().iam().getUser(auth, username))
                .map(found -> true)
                .onFailure(e -> status(e) == 403).recoverWithItem(false)
                .onFailure(e -> status(e) == 404).transform(e -> ToolError.invalid("There is no KubeSphere user '"
                        + username + "', so nothing was sent: a role bound to a missing username would pass to any "
                        + "account later created with that name. Check the spelling with list_users, or create the "
                        + "account first with create_user."));
    }

    /** The sentence a result carries when {@link #user} could not look. */
    static String unverified(String username) {
        return " Note: user '" + username + "' could not be verified (this account may not read users, 403); make "
                + "sure the name is right.";
    }

    /**
     * Fails with an isError result unless the workspace exists and is placed on the cluster. A 403 on the read lets
     * the write go ahead: KubeSphere then decides, and only lets in those bound in the workspace.
     */
    static Uni<Void> workspaceOn(ToolContext ctx, String workspace, String cluster) {
        return ctx.kubesphere().call(auth -> ctx.kubesphere().tenant().getWorkspace(auth, workspace))
                .onFailure(e -> status(e) == 403).recoverWithItem((JsonNode) null)
                .onFailure(e -> status(e) == 404).transform(e -> ToolError.invalid("There is no workspace '"
                        + workspace + "', so no project was created (KubeSphere would create it labelled with a "
                        + "workspace that does not exist). Check the name with list_workspaces."))
                .invoke(template -> {
                    if (template != null) {
                        requirePlacement(template, workspace, cluster);
                    }
                })
                .replaceWithVoid();
    }

    /** A Workspace exists only in the clusters its template is placed on; a cluster selector is not evaluated here. */
    private static void requirePlacement(JsonNode template, String workspace, String cluster) {
        JsonNode placement = template.path("spec").path("placement");
        if (placement.has("clusterSelector")) {
            return;
        }
        List<String> clusters = Kube.items(placement.path("clusters"), c -> Kube.text(c.path("name")));
        if (!clusters.contains(cluster)) {
            throw ToolError.invalid("Workspace '" + workspace + "' is not on cluster '" + cluster + "' (its clusters: "
                    + (clusters.isEmpty() ? "none" : String.join(", ", clusters)) + "), so no project was created. "
                    + "Use one of its clusters.");
        }
    }

    private static int status(Throwable failure) {
        return failure instanceof KubeSphereError e ? e.status() : -1;
    }
}
