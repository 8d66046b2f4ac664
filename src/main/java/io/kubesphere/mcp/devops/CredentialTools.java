package io.kubesphere.mcp.devops;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.catalog.ToolContext;
import io.kubesphere.mcp.catalog.ToolDefinition;
import io.kubesphere.mcp.catalog.ToolError;
import io.kubesphere.mcp.catalog.ToolProvider;
import io.kubesphere.mcp.catalog.Toolset;
import io.kubesphere.mcp.kubesphere.Kube;
import io.kubesphere.mcp.kubesphere.KubeSphereError;
import io.kubesphere.mcp.kubesphere.api.DevOpsApi;
import io.kubesphere.mcp.policy.DnsLabel;
import io.kubesphere.mcp.policy.PrivilegedGrants;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creating and replacing DevOps credentials (Secrets of the credential.devops.kubesphere.io types). The secret values
 * go into the request body only: outputs are built from name, type and description, the audit log masks the
 * argument names, and ks-devops itself answers with the secret masked.
 */
@ApplicationScoped
public class CredentialTools implements ToolProvider {

    static final int MAX_SECRET = 8192;
    static final int MAX_FILE = 65536;
    static final int MAX_USERNAME = 256;
    static final int MAX_DESCRIPTION = 1024;

    /** The four credential types ks-devops syncs to Jenkins (devopsv1alpha3.GetSupportedCredentialTypes). */
    public enum CredentialType {
        BASIC_AUTH("basic-auth"), SSH_AUTH("ssh-auth"), SECRET_TEXT("secret-text"), KUBECONFIG("kubeconfig");

        private final String wire;

        CredentialType(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }

        String secretType() {
            return DevOpsViews.CREDENTIAL_TYPE_PREFIX + wire;
        }
    }

    public record CredentialInput(
            @JsonPropertyDescription(DevOpsInputs.DEVOPS_PROJECT) @JsonProperty("devops_project") @NotNull
            @DnsLabel String devopsProject,
            @JsonPropertyDescription("credential_id") @NotNull @DnsLabel String name,
            @NotNull CredentialType type,
            @Size(max = MAX_DESCRIPTION) String description,
            // Which fields a type takes is in the tool description and checked in data(): keeps the schema short.
            @Size(max = MAX_USERNAME) String username,
            String password,
            @JsonProperty("private_key") String privateKey,
            String passphrase,
            String secret,
            String kubeconfig,
            @JsonPropertyDescription(DevOpsInputs.CLUSTER) @DnsLabel String cluster) {
    }

    /** What a credential tool reports: never a secret value, only which fields were stored. */
    public record CredentialResult(@JsonProperty("devops_project") String devopsProject, String name, String type,
            String description, @JsonProperty("stored_fields") List<String> storedFields) {
    }

    @Override
    public List<ToolDefinition<?, ?>> tools() {
        return List.of(createCredential(), updateCredential());
    }

    ToolDefinition<CredentialInput, CredentialResult> createCredential() {
        return ToolDefinition.write("create_credential", Toolset.devops, false, CredentialInput.class,
                        CredentialResult.class)
                .title("Create a DevOps credential")
                .description("Store a pipeline credential. basic-auth: username, password; ssh-auth: username, "
                        + "private_key, passphrase?; secret-text: secret; kubeconfig: kubeconfig. Never shown back.")
                .routes(Scoped.routes(DevOpsApi.class, "createCredential"))
                .text(r -> "Created credential " + r.name() + " (" + r.type() + ") in " + r.devopsProject()
                        + "; use it as credential_id=" + r.name() + ".")
                .handler(this::createCredential);
    }

    private Uni<CredentialResult> createCredential(ToolContext ctx, CredentialInput in) {
        Map<String, String> data = data(in, "create_credential");
        ObjectNode body = secretBody(in, data, in.description(), creator(ctx));
        return ctx.kubesphere().call(auth -> Scoped.on(in.cluster())
                        ? ctx.kubesphere().devops().createCredential(auth, in.cluster(), in.devopsProject(), body)
                        : ctx.kubesphere().devops().createCredential(auth, in.devopsProject(), body))
                .onFailure(f -> f instanceof KubeSphereError e && e.status() == 400
                        && e.upstreamMessage() != null && e.upstreamMessage().contains("already exists"))
                .transform(f -> ToolError.invalid("Credential " + in.name() + " already exists in "
                        + in.devopsProject() + ". Pick another name, or use update_credential to replace "
                        + "its secret."))
                .map(created -> result(in, created, data));
    }

    ToolDefinition<CredentialInput, CredentialResult> updateCredential() {
        return ToolDefinition.write("update_credential", Toolset.devops, true, CredentialInput.class,
                        CredentialResult.class)
                .title("Replace a DevOps credential")
                .description("Replace a credential's secret (fields as create_credential; same type). Needs a "
                        + "person's confirmation.")
                .routes(Scoped.routes(DevOpsApi.class, "getCredential", "updateCredential"))
                .text(r -> "Replaced the secret of credential " + r.name() + " (" + r.type() + ") in "
                        + r.devopsProject() + ".")
                // Checked before a person is asked (the rule runs first); a replaced secret cannot be restored.
                .confirm((ctx, in) -> {
                    data(in, "update_credential");
                    return PrivilegedGrants.irreversible("replace the secret of credential '" + in.name() + "' ("
                            + in.type().wire() + ") in DevOps project '" + in.devopsProject() + "'",
                            "Replace credential " + in.name());
                })
                .handler(this::updateCredential);
    }

    private Uni<CredentialResult> updateCredential(ToolContext ctx, CredentialInput in) {
        Map<String, String> data = data(in, "update_credential");
        return ctx.kubesphere().call(auth -> Scoped.on(in.cluster())
                        ? ctx.kubesphere().devops().getCredential(auth, in.cluster(), in.devopsProject(), in.name())
                        : ctx.kubesphere().devops().getCredential(auth, in.devopsProject(), in.name()))
                .onFailure(f -> f instanceof KubeSphereError e && e.status() == 404)
                .transform(f -> ToolError.invalid("Credential " + in.name() + " does not exist in "
                        + in.devopsProject() + " (or the project does not). Use create_credential; "
                        + "list_credentials shows the existing ones. Nothing was changed."))
                .chain(existing -> {
                    String type = Kube.text(existing.path("type"));
                    if (!in.type().secretType().equals(type)) {
                        throw ToolError.invalid("Credential " + in.name() + " is of type "
                                + DevOpsViews.Credential.from(existing).type() + ", not "
                                + in.type().wire() + "; a credential's type cannot change. Call again "
                                + "with type=" + DevOpsViews.Credential.from(existing).type()
                                + ". Nothing was changed.");
                    }
                    String description = in.description() != null ? in.description()
                            : Kube.annotation(existing, DevOpsViews.ANN_DESCRIPTION);
                    String creator = Kube.annotation(existing, DevOpsViews.ANN_CREATOR);
                    ObjectNode body = secretBody(in, data, description, creator);
                    // Update is a whole-object replace; keep the version we read so a concurrent
                    // change is a conflict, not a silent overwrite.
                    String version = Kube.text(existing.path("metadata").path("resourceVersion"));
                    if (version != null) {
                        ((ObjectNode) body.get("metadata")).put("resourceVersion", version);
                    }
                    return ctx.kubesphere().call(auth -> Scoped.on(in.cluster())
                            ? ctx.kubesphere().devops().updateCredential(auth, in.cluster(), in.devopsProject(),
                                    in.name(), body)
                            : ctx.kubesphere().devops().updateCredential(auth, in.devopsProject(), in.name(),
                                    body));
                })
                .map(updated -> result(in, updated, data));
    }

    private static CredentialResult result(CredentialInput in, JsonNode answer, Map<String, String> data) {
        String description = answer == null ? null : Kube.annotation(answer, DevOpsViews.ANN_DESCRIPTION);
        return new CredentialResult(in.devopsProject(), in.name(), in.type().wire(),
                description != null ? description : in.description(), List.copyOf(data.keySet()));
    }

    private static String creator(ToolContext ctx) {
        return ctx.kubesphere().knownUsername().orElse(null);
    }

    /** The Secret ks-devops expects: its metadata.name is what it stores (the path's name is not read on update). */
    static ObjectNode secretBody(CredentialInput in, Map<String, String> data, String description, String creator) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Secret");
        ObjectNode metadata = body.putObject("metadata").put("name", in.name()).put("namespace", in.devopsProject());
        ObjectNode annotations = metadata.putObject("annotations");
        if (creator != null) {
            annotations.put(DevOpsViews.ANN_CREATOR, creator);
        }
        if (description != null && !description.isBlank()) {
            annotations.put(DevOpsViews.ANN_DESCRIPTION, description);
        }
        body.put("type", in.type().secretType());
        ObjectNode encoded = body.putObject("data");
        data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return body;
    }

    /**
     * The Secret data keys of the type (ks-devops' secretutil), each checked before any request. A field of another
     * type is refused rather than dropped, so a secret never goes somewhere the caller did not mean. Messages name
     * fields, never values.
     */
    static Map<String, String> data(CredentialInput in, String tool) {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("username", in.username());
        given.put("password", in.password());
        given.put("private_key", in.privateKey());
        given.put("passphrase", in.passphrase());
        given.put("secret", in.secret());
        given.put("kubeconfig", in.kubeconfig());
        List<String> required = switch (in.type()) {
            case BASIC_AUTH -> List.of("username", "password");
            case SSH_AUTH -> List.of("username", "private_key");
            case SECRET_TEXT -> List.of("secret");
            case KUBECONFIG -> List.of("kubeconfig");
        };
        List<String> optional = in.type() == CredentialType.SSH_AUTH ? List.of("passphrase") : List.of();
        List<String> problems = new ArrayList<>();
        given.forEach((field, value) -> {
            boolean present = value != null && !value.isEmpty();
            if (required.contains(field) && !present) {
                problems.add(field + " is required for type " + in.type().wire());
            } else if (present && !required.contains(field) && !optional.contains(field)) {
                problems.add(field + " does not belong to type " + in.type().wire() + " (it takes "
                        + String.join(", ", required) + (optional.isEmpty() ? "" : ", optional "
                        + String.join(", ", optional)) + ")");
            } else if (present && value.length() > ("kubeconfig".equals(field) || "private_key".equals(field)
                    ? MAX_FILE : MAX_SECRET)) {
                problems.add(field + " is too long");
            } else if (present && "username".equals(field) && value.chars().anyMatch(Character::isISOControl)) {
                problems.add("username must be one line without control characters");
            }
        });
        if (!problems.isEmpty()) {
            throw ToolError.invalid("Invalid arguments for " + tool + ": " + String.join("; ", problems)
                    + ". Nothing was sent to KubeSphere.");
        }
        Map<String, String> data = new LinkedHashMap<>();
        for (String field : List.of("username", "password", "private_key", "passphrase", "secret", "kubeconfig")) {
            String value = given.get(field);
            if (value != null && !value.isEmpty()) {
                data.put("kubeconfig".equals(field) ? "content" : field, value);
            }
        }
        return data;
    }
}
