package io.kubesphere.mcp.tenant;

import io.kubesphere.mcp.catalog.ToolContext;
import io.kubesphere.mcp.catalog.ToolError;
import io.kubesphere.mcp.kubesphere.KubeSphereError;

/** Small things the tenant tools share. */
final class Tenants {

    static final String CREATOR = "kubesphere.io/creator";
    static final String DESCRIPTION = "kubesphere.io/description";
    static final String WORKSPACE_LABEL = "kubesphere.io/workspace";
    static final String GLOBALROLE = "iam.kubesphere.io/globalrole";

    private Tenants() {
    }

    /** kubesphere.io/creator is always the identity in use, never a parameter (nobody can attribute to someone else). */
    static String creator(ToolContext ctx) {
        return ctx.kubesphere().knownUsername().orElseThrow(() -> ToolError.refused(
                "Cannot tell who the configured token belongs to, so the creator of the new resource cannot be "
                        + "recorded. Nothing was sent. Use KUBESPHERE_USERNAME/KUBESPHERE_PASSWORD or a KubeSphere "
                        + "JWT with a username claim."));
    }

    /** A 403 from a workspace-scoped route, in the words of the workspace (KubeSphere's message never names it). */
    static Throwable forbiddenIn(Throwable failure, String scope) {
        if (failure instanceof KubeSphereError e && e.status() == 403) {
            return new KubeSphereError(e.kind(), e.status(), e.upstreamMessage(), "No permission in " + scope
                    + " (403): the KubeSphere account in use is not a member with a role that allows this. Ask an "
                    + "administrator of " + scope + " to invite it or to do this in the KubeSphere console.");
        }
        return failure;
    }
}
