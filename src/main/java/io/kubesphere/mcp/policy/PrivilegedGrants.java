package io.kubesphere.mcp.policy;

import io.kubesphere.mcp.catalog.Confirmation;
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
import java.util.Optional;

/**
 * Policy rule 4: platform-admin, workspace admin and project admin are granted only after a person said yes through
 * MCP elicitation, or when the operator allowed such grants up front (KS_MCP_ALLOW_PRIVILEGED_GRANTS=true). Tools
 * declare which calls need it ({@code ToolDefinition.confirm}, built from the rules here); the invoker {@link #ask}s
 * before the handler runs, so a refusal sends nothing.
 */
@ApplicationScoped
public class PrivilegedGrants {

    /** What is about to be granted, in words a person can check: who, which role, where. */
    public record Grant(String username, String role, String where) {

        String sentence() {
            return "grant " + role + " to user '" + username + "' " + where;
        }

        Confirmation confirmation() {
            return new Confirmation(sentence(), "Grant " + role + " to " + username,
                    "Check to allow this administrator grant", "This is an administrator role. Allow it?",
                    "an administrator grant needs a person's confirmation",
                    "Ask the person to grant the role in the KubeSphere console, or ask the operator of this server to "
                            + "set KS_MCP_ALLOW_PRIVILEGED_GRANTS=true.",
                    "Ask the person to grant the role in the KubeSphere console.",
                    "a less privileged role may be enough.", true);
        }
    }

    private final ServerConfig config;

    public PrivilegedGrants(ServerConfig config) {
        this.config = config;
    }

    /** Granting a platform role (create_user, set_platform_role): platform-admin needs confirmation. */
    public static Optional<Confirmation> platformRole(String username, String globalRole, boolean newAccount) {
        return "platform-admin".equals(globalRole)
                ? Optional.of(new Grant(username, "the platform role " + globalRole,
                        "on the whole KubeSphere platform" + (newAccount ? " (new account)" : "")).confirmation())
                : Optional.empty();
    }

    /** Granting a workspace role: the workspace admin role needs confirmation. */
    public static Optional<Confirmation> workspaceRole(String workspace, String username, String role) {
        return "admin".equals(role)
                ? Optional.of(new Grant(username, "the workspace role " + Roles.workspaceRoleName(workspace, "admin"),
                        "in workspace '" + workspace + "' (full control of the workspace and all its projects)")
                        .confirmation())
                : Optional.empty();
    }

    /** Creating a workspace managed by someone else: the manager gets the workspace admin role. */
    public static Optional<Confirmation> workspaceManager(String workspace, String manager) {
        return Optional.of(new Grant(manager, "the workspace admin role", "as manager of the new workspace '"
                + workspace + "' (full control of the workspace and all its projects)").confirmation());
    }

    /** Granting a project role: the project admin role needs confirmation. */
    public static Optional<Confirmation> projectRole(String cluster, String project, String username, String role) {
        return "admin".equals(role)
                ? Optional.of(new Grant(username, "the project role admin",
                        "in project '" + project + "' on cluster '" + cluster + "' (full control of the project)")
                        .confirmation())
                : Optional.empty();
    }

    /**
     * Disabling an account: it locks the person out and ends their sessions, so a person always confirms.
     * KS_MCP_ALLOW_PRIVILEGED_GRANTS does not apply: it allows grants, and this takes access away.
     */
    public static Optional<Confirmation> disableUser(String username) {
        return Optional.of(new Confirmation("disable user '" + username + "' (they can no longer log in, and their "
                        + "current sessions end)", "Disable user " + username, "Check to disable this account",
                "Allow it?", "disabling an account needs a person's confirmation",
                "Ask the person to disable the account in the KubeSphere console.",
                "Ask the person to disable the account in the KubeSphere console.",
                "the account stays as it is.", false));
    }

    /**
     * A write that cannot be undone from here (e.g. replacing a stored secret): the same person-in-the-loop rule as an
     * admin grant. {@code action} completes "Refused to …" and "An AI agent asks to …".
     */
    public static Optional<Confirmation> irreversible(String action, String title) {
        return Optional.of(new Confirmation(action, title, "Check to allow this", "This cannot be undone. Allow it?",
                "this needs a person's confirmation",
                "Ask the person to do it in the KubeSphere console, or ask the operator of this server to set "
                        + "KS_MCP_ALLOW_PRIVILEGED_GRANTS=true.",
                "Ask the person to do it in the KubeSphere console.", "it stays as it is.", true));
    }

    /** Completes when the call may go ahead; fails with {@link ToolError#refused} otherwise. */
    public Uni<Void> ask(ToolContext ctx, Confirmation q) {
        if (q.waivable() && config.allowPrivilegedGrants()) {
            return Uni.createFrom().voidItem();
        }
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
                + q.question(), schema).build();
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
