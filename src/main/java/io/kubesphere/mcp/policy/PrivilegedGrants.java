package io.kubesphere.mcp.policy;

import io.kubesphere.mcp.catalog.ToolContext;
import io.kubesphere.mcp.catalog.ToolError;
import io.kubesphere.mcp.config.ServerConfig;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.ClientCapabilities;
import io.modelcontextprotocol.spec.McpSchema.ElicitFormRequest;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Policy rule 4: platform-admin, workspace admin and project admin are granted only after a person said yes through
 * MCP elicitation, or when the operator allowed such grants up front (KS_MCP_ALLOW_PRIVILEGED_GRANTS=true). Tools
 * call {@link #confirm} before their first request, so a refusal sends nothing.
 */
@ApplicationScoped
public class PrivilegedGrants {

    /** What is about to be granted, in words a person can check: who, which role, where. */
    public record Grant(String username, String role, String where) {

        String sentence() {
            return "grant " + role + " to user '" + username + "' " + where;
        }
    }

    private final ServerConfig config;

    public PrivilegedGrants(ServerConfig config) {
        this.config = config;
    }

    /** Before granting a platform role (create_user, set_platform_role): platform-admin needs confirmation. */
    public Uni<Void> platformRole(ToolContext ctx, String username, String globalRole, boolean newAccount) {
        return "platform-admin".equals(globalRole)
                ? confirm(ctx, new Grant(username, "the platform role " + globalRole,
                        "on the whole KubeSphere platform" + (newAccount ? " (new account)" : "")))
                : Uni.createFrom().voidItem();
    }

    /** Before granting a workspace role: the workspace admin role needs confirmation. */
    public Uni<Void> workspaceRole(ToolContext ctx, String workspace, String username, String role) {
        return "admin".equals(role)
                ? confirm(ctx, new Grant(username, "the workspace role " + Roles.workspaceRoleName(workspace, "admin"),
                        "in workspace '" + workspace + "' (full control of the workspace and all its projects)"))
                : Uni.createFrom().voidItem();
    }

    /** Before creating a workspace managed by someone else: the manager gets the workspace admin role. */
    public Uni<Void> workspaceManager(ToolContext ctx, String workspace, String manager) {
        return confirm(ctx, new Grant(manager, "the workspace admin role", "as manager of the new workspace '"
                + workspace + "' (full control of the workspace and all its projects)"));
    }

    /** Before granting a project role: the project admin role needs confirmation. */
    public Uni<Void> projectRole(ToolContext ctx, String cluster, String project, String username, String role) {
        return "admin".equals(role)
                ? confirm(ctx, new Grant(username, "the project role admin",
                        "in project '" + project + "' on cluster '" + cluster + "' (full control of the project)"))
                : Uni.createFrom().voidItem();
    }

    /**
     * Before a write that cannot be undone from here (e.g. replacing a stored secret): the same person-in-the-loop
     * rule as an admin grant. {@code action} completes "Refused to …" and "An AI agent asks to …".
     */
    public Uni<Void> confirmAction(ToolContext ctx, String action, String title) {
        if (config.allowPrivilegedGrants()) {
            return Uni.createFrom().voidItem();
        }
        return ask(ctx, new Question(action, title, "Check to allow this", "This cannot be undone. Allow it?",
                "this needs a person's confirmation",
                "Ask the person to do it in the KubeSphere console, or ask the operator of this server to set "
                        + "KS_MCP_ALLOW_PRIVILEGED_GRANTS=true.",
                "Ask the person to do it in the KubeSphere console.", "it stays as it is."));
    }

    /** Completes when the grant may go ahead; fails with {@link ToolError#refused} otherwise. */
    public Uni<Void> confirm(ToolContext ctx, Grant grant) {
        if (config.allowPrivilegedGrants()) {
            return Uni.createFrom().voidItem();
        }
        return ask(ctx, new Question(grant.sentence(), "Grant " + grant.role() + " to " + grant.username(),
                "Check to allow this administrator grant", "This is an administrator role. Allow it?",
                "an administrator grant needs a person's confirmation",
                "Ask the person to grant the role in the KubeSphere console, or ask the operator of this server to "
                        + "set KS_MCP_ALLOW_PRIVILEGED_GRANTS=true.",
                "Ask the person to grant the role in the KubeSphere console.",
                "a less privileged role may be enough."));
    }

    /**
     * Before disabling an account: it locks the person out and ends their sessions, so a person always confirms.
     * KS_MCP_ALLOW_PRIVILEGED_GRANTS does not apply: it allows grants, and this takes access away.
     */
    public Uni<Void> disableUser(ToolContext ctx, String username) {
        return ask(ctx, new Question("disable user '" + username + "' (they can no longer log in, and their "
                        + "current sessions end)", "Disable user " + username, "Check to disable this account",
                "Allow it?", "disabling an account needs a person's confirmation",
                "Ask the person to disable the account in the KubeSphere console.",
                "Ask the person to disable the account in the KubeSphere console.",
                "the account stays as it is."));
    }

    /** What a person is asked, and the advice each refusal gives. */
    private record Question(String sentence, String title, String checkbox, String ask, String why,
            String noElicitationAdvice, String failedAdvice, String declinedAdvice) {
    }

    private Uni<Void> ask(ToolContext ctx, Question q) {
        McpAsyncServerExchange exchange = ctx.exchange();
        ClientCapabilities capabilities = exchange == null ? null : exchange.getClientCapabilities();
        if (capabilities == null || capabilities.elicitation() == null) {
            return Uni.createFrom().failure(ToolError.refused("Refused to " + q.sentence() + ": " + q.why()
                    + ", and this MCP client cannot ask for one (it does not support elicitation). Nothing was "
                    + "sent. " + q.noElicitationAdvice()));
        }
        Map<String, Object> schema = Map.of(
                "type", "object",
                "properties", Map.of("confirm", Map.of(
                        "type", "boolean",
                        "title", q.title(),
                        "description", q.checkbox(),
                        "default", false)),
                "required", List.of("confirm"));
        ElicitFormRequest request = ElicitFormRequest.builder("An AI agent asks to " + q.sentence() + ". "
                + q.ask(), schema).build();
        return Uni.createFrom().completionStage(() -> exchange.createElicitation(request).toFuture())
                .onFailure().transform(e -> ToolError.refused("Refused to " + q.sentence()
                        + ": the confirmation request to the person failed (" + e.getMessage()
                        + "). Nothing was sent. " + q.failedAdvice()))
                .invoke(result -> {
                    if (result != null && result.action() == ElicitResult.Action.ACCEPT && confirmed(result)) {
                        return;
                    }
                    String what = result == null || result.action() == ElicitResult.Action.CANCEL
                            ? "cancelled the confirmation" : "did not confirm";
                    throw ToolError.refused("Refused to " + q.sentence() + ": the person " + what
                            + ". Nothing was sent. Do not retry unless the person asks for it; "
                            + q.declinedAdvice());
                })
                .replaceWithVoid();
    }

    private static boolean confirmed(ElicitResult result) {
        Object value = result.content() == null ? null : result.content().get("confirm");
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }
}
