package io.kubesphere.mcp.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.catalog.Page;
import io.kubesphere.mcp.catalog.PageNumber;
import io.kubesphere.mcp.catalog.PageSize;
import io.kubesphere.mcp.catalog.Paged;
import io.kubesphere.mcp.catalog.ToolContext;
import io.kubesphere.mcp.catalog.ToolDefinition;
import io.kubesphere.mcp.catalog.ToolError;
import io.kubesphere.mcp.catalog.ToolProvider;
import io.kubesphere.mcp.catalog.Toolset;
import io.kubesphere.mcp.kubesphere.Kube;
import io.kubesphere.mcp.kubesphere.KubeSphereError;
import io.kubesphere.mcp.kubesphere.Route;
import io.kubesphere.mcp.kubesphere.api.IamApi;
import io.kubesphere.mcp.kubesphere.api.Routes;
import io.kubesphere.mcp.policy.PrivilegedGrants;
import io.kubesphere.mcp.policy.Username;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;

import java.util.List;
import java.util.Optional;

/** Whether an account may log in (User status.state), and its login history. */
@ApplicationScoped
public class UserStateTools implements ToolProvider {

    static final Route LOGIN_RECORDS = Routes.route(IamApi.class, "listLoginRecords");

    /** The two states PUT /users/{u} applies (im.UpdateUser); AuthLimitExceeded is the controller's own. */
    public enum State {
        ACTIVE("Active"), DISABLED("Disabled");

        private final String wire;

        State(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }

    public record StateInput(
            @JsonPropertyDescription("Username (not your own)") @NotNull @Username String username,
            @JsonPropertyDescription("Active lets the user log in; Disabled locks them out and needs a person's "
                    + "confirmation") @NotNull State state) {
    }

    public record StateChange(String username, String state, @JsonProperty("previous_state") String previousState,
            boolean changed) {
    }

    public record RecordsInput(
            @JsonPropertyDescription("Username") @NotNull @Username String username,
            @PageNumber Integer page,
            @PageSize Integer limit) implements Paged {
    }

    public record LoginRecord(String time, boolean success, String reason, String type,
            @JsonProperty("source_ip") String sourceIp, @JsonProperty("user_agent") String userAgent) {

        static LoginRecord from(JsonNode r) {
            JsonNode spec = r.path("spec");
            return new LoginRecord(Kube.created(r), spec.path("success").asBoolean(false),
                    Kube.text(spec.path("reason")), Kube.text(spec.path("type")), Kube.text(spec.path("sourceIP")),
                    Kube.text(spec.path("userAgent")));
        }

        String line() {
            return time + " " + (success ? "ok" : "FAILED") + (success || reason == null ? "" : " (" + reason + ")")
                    + (sourceIp == null ? "" : " from " + sourceIp);
        }
    }

    @Override
    public List<ToolDefinition<?, ?>> tools() {
        return List.of(setUserState(), listLoginRecords());
    }

    ToolDefinition<StateInput, StateChange> setUserState() {
        return ToolDefinition.write("set_user_state", Toolset.tenant, true, StateInput.class, StateChange.class)
                .title("Enable or disable a user")
                .description("Enable (Active) or disable (Disabled) a user's login; disabling needs a person's "
                        + "confirmation.")
                .destructive()
                .routes(UserTools.GET, UserTools.UPDATE)
                .text(c -> c.changed() ? "User " + c.username() + " is now " + c.state() + " (was "
                        + c.previousState() + ")" : "User " + c.username() + " was already " + c.state()
                        + "; nothing changed")
                // Never on yourself: refused before anyone is asked.
                .confirm((ctx, in) -> {
                    notYourself(ctx, in.username());
                    return in.state() == State.DISABLED ? PrivilegedGrants.disableUser(in.username())
                            : Optional.empty();
                })
                .handler(this::setUserState);
    }

    private Uni<StateChange> setUserState(ToolContext ctx, StateInput in) {
        String state = in.state().wire();
        return putState(ctx, in.username(), state)
                // A concurrent change bumped resourceVersion: read again and retry once.
                .onFailure(e -> e instanceof KubeSphereError k && k.status() == 409)
                .recoverWithUni(() -> putState(ctx, in.username(), state));
    }

    /** Locking out the identity in use would end this server's own access: refused before anything is sent. */
    private static void notYourself(ToolContext ctx, String username) {
        String self = ctx.kubesphere().knownUsername().orElseThrow(() -> ToolError.refused("Cannot tell who the "
                + "configured token belongs to, so it cannot be ruled out that '" + username + "' is this server's "
                + "own account. Nothing was sent. Use KUBESPHERE_USERNAME/KUBESPHERE_PASSWORD or a KubeSphere JWT "
                + "with a username claim, or change the state in the KubeSphere console."));
        if (self.equals(username)) {
            throw ToolError.refused("'" + username + "' is the account this server acts as; it may not change its "
                    + "own state (disabling it would lock this server out). Nothing was sent. Ask another platform "
                    + "administrator to do it in the KubeSphere console.");
        }
    }

    /** GET the stored user, PUT it back whole (resourceVersion included) with the new status.state. */
    private static Uni<StateChange> putState(ToolContext ctx, String username, String state) {
        return ctx.kubesphere().call(auth -> ctx.kubesphere().iam().getUser(auth, username)).chain(stored -> {
            String previous = Kube.text(stored.path("status").path("state"));
            if (state.equals(previous)) {
                return Uni.createFrom().item(new StateChange(username, state, previous, false));
            }
            if (!(stored instanceof ObjectNode) || !stored.path("metadata").isObject()) {
                return Uni.createFrom().failure(new ToolError(ToolError.Outcome.FAILED, "KubeSphere returned no "
                        + "user object for '" + username + "'. Nothing was changed."));
            }
            ObjectNode user = ((ObjectNode) stored).deepCopy();
            // KubeSphere applies only status.state (Active or Disabled) from the body and keeps the rest of status.
            user.putObject("status").put("state", state);
            return ctx.kubesphere().call(auth -> ctx.kubesphere().iam().updateUser(auth, username, user))
                    .map(updated -> new StateChange(username, updated == null
                            || Kube.text(updated.path("status").path("state")) == null ? state
                            : Kube.text(updated.path("status").path("state")), previous, true));
        });
    }

    ToolDefinition<RecordsInput, Page<LoginRecord>> listLoginRecords() {
        return ToolDefinition.read("list_login_records", Toolset.tenant, RecordsInput.class,
                        Page.of(LoginRecord.class))
                .title("List a user's logins")
                .description("List a user's recent login attempts, newest first: time, success, reason, source IP.")
                .routes(LOGIN_RECORDS)
                .textWith((in, list) -> list.total() == 0 ? "No login records for " + in.username()
                        + " (never logged in, or no such user: get_user checks)"
                        : list.render("login record", LoginRecord::line, "; "))
                .handler(this::listLoginRecords);
    }

    private Uni<Page<LoginRecord>> listLoginRecords(ToolContext ctx, RecordsInput in) {
        return ctx.kubesphere()
                .call(auth -> ctx.kubesphere().iam().listLoginRecords(auth, in.username(), in.page(),
                        in.limit()))
                .map(body -> Page.from(body, in.paging(), LoginRecord::from));
    }
}
