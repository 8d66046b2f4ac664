package io.kubesphere.mcp.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.catalog.Default;
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
import io.kubesphere.mcp.kubesphere.Kube;
import io.kubesphere.mcp.kubesphere.KubeSphereError;
import io.kubesphere.mcp.kubesphere.Route;
import io.kubesphere.mcp.kubesphere.api.IamApi;
import io.kubesphere.mcp.kubesphere.api.Routes;
import io.kubesphere.mcp.policy.Names;
import io.kubesphere.mcp.policy.PrivilegedGrants;
import io.kubesphere.mcp.policy.Roles;
import io.kubesphere.mcp.policy.Roles.PlatformRole;
import io.kubesphere.mcp.policy.Username;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** User accounts and their platform role. */
@ApplicationScoped
public class UserTools implements ToolProvider {

    static final Route LIST = Routes.route(IamApi.class, "listUsers");
    static final Route GET = Routes.route(IamApi.class, "getUser");
    static final Route CREATE = Routes.route(IamApi.class, "createUser");
    static final Route UPDATE = Routes.route(IamApi.class, "updateUser");
    static final String UNINITIALIZED = "iam.kubesphere.io/uninitialized";

    public record User(String username, String email, @JsonProperty("platform_role") String platformRole,
            String state, String created) {

        static User from(JsonNode user) {
            return new User(Kube.name(user), Kube.text(user.path("spec").path("email")),
                    Kube.annotation(user, Tenants.GLOBALROLE), Kube.text(user.path("status").path("state")),
                    Kube.created(user));
        }

        String line() {
            return username + (email == null ? "" : " <" + email + ">")
                    + (platformRole == null ? "" : ", " + platformRole) + (state == null ? "" : ", " + state);
        }
    }

    public record PlatformRoleChange(String username, @JsonProperty("platform_role") String platformRole,
            @JsonProperty("previous_platform_role") String previousPlatformRole) {
    }

    public record ListInput(
            @JsonPropertyDescription("Only users whose name contains this text") @Size(max = 253, message = Names.FILTER_RULE) String name,
            @JsonPropertyDescription("Only users with this platform role")
            @Size(min = 1, max = 253, message = Names.ROLE_NAME_RULE)
            @Pattern(regexp = Names.ROLE_NAME, message = Names.ROLE_NAME_RULE) String globalrole,
            @PageNumber Integer page,
            @PageSize Integer limit) implements Paged {
    }

    public record GetInput(
            @JsonPropertyDescription("Username") @NotNull @Username String username) {
    }

    public record CreateInput(
            @JsonPropertyDescription("Username of the new account") @NotNull
            @Username String username,
            @JsonPropertyDescription("Email address (unique among users)") @NotNull
            @Size(max = 254, message = Names.EMAIL_RULE) @Email(message = Names.EMAIL_RULE)
            @Pattern(regexp = Names.EMAIL, message = Names.EMAIL_RULE) String email,
            @JsonPropertyDescription("Initial password: 8-64 characters with upper- and lower-case letters and a "
                    + "digit") @NotNull
            @Size(min = 8, max = 64, message = Names.PASSWORD_LENGTH_RULE)
            @Pattern(regexp = Names.PASSWORD, message = Names.PASSWORD_RULE) String password,
            @JsonPropertyDescription("Platform role; platform-admin needs a person's confirmation")
            @Default("platform-regular") PlatformRole globalrole,
            @JsonPropertyDescription("Who the user is") @Size(max = 256, message = Names.DESCRIPTION_RULE)
            String description) {

        @Override
        public String toString() {
            return "CreateInput[username=" + username + ", password=***]";
        }
    }

    public record SetRoleInput(
            @JsonPropertyDescription("Username") @NotNull @Username String username,
            @JsonPropertyDescription("New platform role; platform-admin needs a person's confirmation") @NotNull
            PlatformRole globalrole) {
    }

    @Override
    public List<ToolDefinition<?, ?>> tools() {
        return List.of(listUsers(), getUser(), createUser(), setPlatformRole());
    }

    ToolDefinition<ListInput, Page<User>> listUsers() {
        return ToolDefinition.read("list_users", Toolset.tenant, ListInput.class, Page.of(User.class))
                .title("List users")
                .description("List user accounts with email, platform role and state.")
                .routes(LIST)
                .text(list -> list.render("user", User::line, "; "))
                .handler(this::listUsers);
    }

    private Uni<Page<User>> listUsers(ToolContext ctx, ListInput in) {
        Paging paging = in.paging();
        if (in.globalrole() != null && !in.globalrole().isBlank()) {
            return ctx.kubesphere()
                    .call(auth -> ctx.kubesphere().iam().listUsers(auth, null, in.globalrole(), null, null))
                    .map(body -> holders(body, in.name(), paging));
        }
        return ctx.kubesphere()
                .call(auth -> ctx.kubesphere().iam().listUsers(auth, Kube.param(in.name()), null,
                        paging.page(), paging.limit()))
                .map(body -> Page.from(body, paging, User::from));
    }

    /**
     * KubeSphere answers {@code ?globalrole=} with every holder and ignores page, limit and name
     * (listUserByGlobalRole), so filter, order (newest first, as its paged lists) and page here.
     */
    private static Page<User> holders(JsonNode body, String name, Paging paging) {
        Map<String, User> byName = new LinkedHashMap<>();
        for (User user : Kube.items(body, User::from)) {
            if (user.username() != null && (name == null || user.username().contains(name))) {
                byName.putIfAbsent(user.username(), user);
            }
        }
        List<User> all = byName.values().stream()
                .sorted(Comparator.comparing(User::created, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
                        .thenComparing(User::username).reversed())
                .toList();
        return Page.slice(all, paging);
    }

    ToolDefinition<GetInput, User> getUser() {
        return ToolDefinition.read("get_user", Toolset.tenant, GetInput.class, User.class)
                .title("Get a user")
                .description("Get one user account: email, platform role, state and creation time.")
                .routes(GET)
                .text(u -> "User " + u.line())
                .handler(this::getUser);
    }

    private Uni<User> getUser(ToolContext ctx, GetInput in) {
        return ctx.kubesphere()
                .call(auth -> ctx.kubesphere().iam().getUser(auth, in.username()))
                .map(User::from);
    }

    ToolDefinition<CreateInput, User> createUser() {
        return ToolDefinition.write("create_user", Toolset.tenant, false, CreateInput.class, User.class)
                .title("Create a user")
                .description("Create a user account (default role platform-regular), who must change the password "
                        + "at first login.")
                .routes(CREATE)
                .text(u -> "Created user " + u.line())
                .confirm((ctx, in) -> PrivilegedGrants.platformRole(in.username(), Roles.globalRole(in.globalrole()),
                        true))
                .handler(this::createUser);
    }

    private Uni<User> createUser(ToolContext ctx, CreateInput in) {
        String creator = Tenants.creator(ctx);
        String role = Roles.globalRole(in.globalrole());
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("apiVersion", "iam.kubesphere.io/v1beta1").put("kind", "User");
        ObjectNode annotations = body.putObject("metadata").put("name", in.username())
                .putObject("annotations");
        annotations.put(Tenants.GLOBALROLE, role).put(UNINITIALIZED, "true").put(Tenants.CREATOR, creator);
        if (in.description() != null && !in.description().isBlank()) {
            annotations.put(Tenants.DESCRIPTION, in.description());
        }
        body.putObject("spec").put("email", in.email()).put("password", in.password());
        return ctx.kubesphere().call(auth -> ctx.kubesphere().iam().createUser(auth, body))
                // Some KubeSphere versions quote the rejected password in a 422.
                .onFailure().transform(e -> withoutSecret(e, in.password()))
                .map(User::from);
    }

    ToolDefinition<SetRoleInput, PlatformRoleChange> setPlatformRole() {
        return ToolDefinition.write("set_platform_role", Toolset.tenant, true, SetRoleInput.class,
                        PlatformRoleChange.class)
                .title("Set a user's platform role")
                .description("Change a user's platform role (built-in roles only; platform-admin needs a person's "
                        + "confirmation).")
                .routes(GET, UPDATE)
                .text(c -> "User " + c.username() + " now has platform role " + c.platformRole()
                        + (c.previousPlatformRole() == null ? "" : " (was " + c.previousPlatformRole() + ")"))
                .confirm((ctx, in) -> PrivilegedGrants.platformRole(in.username(), Roles.globalRole(in.globalrole()),
                        false))
                .handler(this::setPlatformRole);
    }

    private Uni<PlatformRoleChange> setPlatformRole(ToolContext ctx, SetRoleInput in) {
        String role = Roles.globalRole(in.globalrole());
        return putRole(ctx, in.username(), role)
                // A concurrent change bumped resourceVersion: read again and retry once.
                .onFailure(e -> e instanceof KubeSphereError k && k.status() == 409)
                .recoverWithUni(() -> putRole(ctx, in.username(), role));
    }

    /** GET the stored user, PUT it back whole (resourceVersion included) with the new role annotation. */
    private static Uni<PlatformRoleChange> putRole(ToolContext ctx, String username, String role) {
        return ctx.kubesphere().call(auth -> ctx.kubesphere().iam().getUser(auth, username)).chain(stored -> {
            String previous = Kube.annotation(stored, Tenants.GLOBALROLE);
            if (!(stored instanceof ObjectNode) || !stored.path("metadata").isObject()) {
                return Uni.createFrom().failure(new ToolError(ToolError.Outcome.FAILED, "KubeSphere returned no user object for '"
                        + username + "'. Nothing was changed."));
            }
            ObjectNode user = ((ObjectNode) stored).deepCopy();
            // Without status KubeSphere keeps the stored one; with state Active it would restart
            // lastTransitionTime, and with it the user's login-failure window.
            user.remove("status");
            ObjectNode metadata = (ObjectNode) user.get("metadata");
            JsonNode existing = metadata.get("annotations");
            ObjectNode annotations = existing instanceof ObjectNode o ? o : metadata.putObject("annotations");
            annotations.put(Tenants.GLOBALROLE, role);
            return ctx.kubesphere().call(auth -> ctx.kubesphere().iam().updateUser(auth, username, user))
                    .map(updated -> new PlatformRoleChange(username,
                            updated != null && Kube.annotation(updated, Tenants.GLOBALROLE) != null
                                    ? Kube.annotation(updated, Tenants.GLOBALROLE) : role,
                            previous));
        });
    }

    private static Throwable withoutSecret(Throwable failure, String secret) {
        if (failure instanceof KubeSphereError e && secret != null && !secret.isEmpty()
                && (contains(e.getMessage(), secret) || contains(e.upstreamMessage(), secret))) {
            return new KubeSphereError(e.kind(), e.status(), scrub(e.upstreamMessage(), secret),
                    scrub(e.getMessage(), secret));
        }
        return failure;
    }

    private static boolean contains(String text, String secret) {
        return text != null && text.contains(secret);
    }

    private static String scrub(String text, String secret) {
        return text == null ? null : text.replace(secret, "***");
    }
}
