package io.kubesphere.mcp.devops;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import io.kubesphere.mcp.devops.DevOpsViews.LatestRun;
import io.kubesphere.mcp.devops.DevOpsViews.Pipeline;
import io.kubesphere.mcp.devops.DevOpsViews.PipelineSummary;
import io.kubesphere.mcp.kubesphere.Kube;
import io.kubesphere.mcp.kubesphere.KubeSphereError;
import io.kubesphere.mcp.kubesphere.api.DevOpsApi;
import io.kubesphere.mcp.policy.DnsLabel;
import io.kubesphere.mcp.policy.Names;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;


/** Pipelines of a DevOps project: list, read, create (plain Jenkinsfile or multi-branch from git). */
@ApplicationScoped
public class PipelineTools implements ToolProvider {

    private static final Logger LOG = Logger.getLogger(PipelineTools.class);
    static final String SCRIPT_PATH = "Jenkinsfile";


    static final String GIT_URL = "^(https?://|ssh://|git://|[A-Za-z0-9._-]+@)\\S+$";
    static final String GIT_URL_RULE = "must be a git URL (https://, ssh://, git:// or user@host:path)";
    static final String PARAM_NAME = "^[A-Za-z_][A-Za-z0-9_.-]{0,127}$";
    static final String PARAM_NAME_RULE = "must start with a letter or '_' and contain only letters, digits, '_', "
            + "'.' or '-' (at most 128)";

    public enum PipelineType {
        PIPELINE("pipeline"), MULTI_BRANCH("multi-branch-pipeline");

        private final String wire;

        PipelineType(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }

    /** Maps onto git_source.discover_branches / discover_tags of the ks-devops spec. */
    public enum BranchDiscovery {
        BRANCHES("branches"), BRANCHES_AND_TAGS("branches-and-tags");

        private final String wire;

        BranchDiscovery(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }

    public enum ParameterType {
        STRING("string"), TEXT("text"), BOOLEAN("boolean"), CHOICE("choice");

        private final String wire;

        ParameterType(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }

    public record ParameterInput(
            @JsonPropertyDescription("Parameter name") @NotBlank
            @Pattern(regexp = PARAM_NAME, message = PARAM_NAME_RULE) String name,
            @JsonPropertyDescription("Default value (for choice: the choices, one per line)")
            @JsonProperty("default_value") @Size(max = 4096) String defaultValue,
            @JsonPropertyDescription("Parameter type") @Default("string") ParameterType type,
            @JsonPropertyDescription("What the parameter is for") @Size(max = 1024) String description) {
    }

    public record ListInput(
            @JsonPropertyDescription(DevOpsInputs.DEVOPS_PROJECT) @JsonProperty("devops_project") @NotNull
            @DnsLabel String devopsProject,
            @JsonPropertyDescription("Only pipelines whose name contains this text")
            @Size(max = 253, message = Names.FILTER_RULE) String name,
            @JsonPropertyDescription(DevOpsInputs.CLUSTER) @DnsLabel String cluster,
            @PageNumber Integer page,
            @PageSize Integer limit) implements Paged {
    }

    public record GetInput(
            @JsonPropertyDescription(DevOpsInputs.DEVOPS_PROJECT) @JsonProperty("devops_project") @NotNull
            @DnsLabel String devopsProject,
            @JsonPropertyDescription(DevOpsInputs.PIPELINE) @NotNull
            @DnsLabel String pipeline,
            @JsonPropertyDescription(DevOpsInputs.CLUSTER) @DnsLabel String cluster) {
    }

    public record CreateInput(
            @JsonPropertyDescription(DevOpsInputs.DEVOPS_PROJECT) @JsonProperty("devops_project") @NotNull
            @DnsLabel String devopsProject,
            @JsonPropertyDescription("Name of the new pipeline") @NotNull
            @DnsLabel String pipeline,
            @JsonPropertyDescription("pipeline: the given jenkinsfile; multi-branch-pipeline: one per branch of git_url") @Default("pipeline") PipelineType type,
            @JsonPropertyDescription("Declarative Jenkinsfile (required for type pipeline)")
            @Size(max = 200_000) String jenkinsfile,
            @JsonPropertyDescription("Git URL (required for multi-branch-pipeline)")
            @JsonProperty("git_url") @Size(max = 2048) @Pattern(regexp = GIT_URL, message = GIT_URL_RULE)
            String gitUrl,
            @JsonPropertyDescription("Repository credential (multi-branch; see list_credentials)")
            @JsonProperty("credential_id") @DnsLabel String credentialId,
            @JsonPropertyDescription("Jenkinsfile path in the repository (multi-branch)")
            @JsonProperty("script_path") @Default(SCRIPT_PATH) @Size(min = 1, max = 1024) String scriptPath,
            @JsonPropertyDescription("What Jenkins builds from the repository (multi-branch)")
            @JsonProperty("branch_discovery") @Default("branches") BranchDiscovery branchDiscovery,
            @JsonPropertyDescription("Description of the pipeline") @Size(max = 1024) String description,
            @JsonPropertyDescription("Build parameters (type pipeline)") @Size(max = 50)
            List<@Valid @NotNull ParameterInput> parameters,
            @JsonPropertyDescription(DevOpsInputs.CLUSTER) @DnsLabel String cluster) {
    }

    @Override
    public List<ToolDefinition<?, ?>> tools() {
        return List.of(listPipelines(), getPipeline(), createPipeline());
    }

    ToolDefinition<ListInput, Page<PipelineSummary>> listPipelines() {
        return ToolDefinition.read("list_pipelines", Toolset.devops, ListInput.class, Page.of(PipelineSummary.class))
                .title("List pipelines")
                .description("List the pipelines of a DevOps project with their type (get_pipeline shows the last "
                        + "run). Filter by name substring.")
                .routes(Scoped.routes(DevOpsApi.class, "listPipelines"))
                .text(list -> list.render("pipeline", PipelineSummary::line, "; "))
                .handler(this::listPipelines);
    }

    private Uni<Page<PipelineSummary>> listPipelines(ToolContext ctx, ListInput in) {
        Paging paging = in.paging();
        return ctx.kubesphere().call(auth -> Scoped.on(in.cluster())
                        ? ctx.kubesphere().devops().listPipelines(auth, in.cluster(), in.devopsProject(),
                                Kube.param(in.name()), paging.page(), paging.limit())
                        : ctx.kubesphere().devops().listPipelines(auth, in.devopsProject(), Kube.param(in.name()),
                                paging.page(), paging.limit()))
                .map(body -> Page.from(body, paging, PipelineSummary::from));
    }

    ToolDefinition<GetInput, Pipeline> getPipeline() {
        return ToolDefinition.read("get_pipeline", Toolset.devops, GetInput.class, Pipeline.class)
                .title("Get a pipeline")
                .description("Get one pipeline: type, Jenkinsfile or git source, parameters, last run and the "
                        + "branches found (multi-branch).")
                .routes(Scoped.routes(DevOpsApi.class, "getPipeline", "listRuns"))
                .text(Pipeline::text)
                .handler(this::getPipeline);
    }

    private Uni<Pipeline> getPipeline(ToolContext ctx, GetInput in) {
        return ctx.kubesphere()
                .call(auth -> Scoped.on(in.cluster())
                        ? ctx.kubesphere().devops().getPipeline(auth, in.cluster(), in.devopsProject(), in.pipeline())
                        : ctx.kubesphere().devops().getPipeline(auth, in.devopsProject(), in.pipeline()))
                .map(Pipeline::from)
                .flatMap(p -> DevOpsViews.MULTI_BRANCH.equals(p.type()) ? Uni.createFrom().item(p)
                        : latestRun(ctx, in).map(p::withLatestRun));
    }

    /**
     * A plain pipeline's newest PipelineRun: one request, newest first (ks-devops sorts by start time, else creation,
     * descending), including runs Jenkins has not picked up yet. A failure only loses this detail.
     */
    private static Uni<LatestRun> latestRun(ToolContext ctx, GetInput in) {
        return ctx.kubesphere()
                .call(auth -> Scoped.on(in.cluster())
                        ? ctx.kubesphere().devops().listRuns(auth, in.cluster(), in.devopsProject(), in.pipeline(), 1, 1,
                                null, false)
                        : ctx.kubesphere().devops().listRuns(auth, in.devopsProject(), in.pipeline(), 1, 1, null,
                                false))
                .map(body -> Kube.items(body, LatestRun::fromPipelineRun).stream().findFirst().orElse(null))
                .onFailure().recoverWithItem(f -> {
                    LOG.debugf("last run of %s not read: %s", in.pipeline(), f.getMessage());
                    return null;
                });
    }

    ToolDefinition<CreateInput, Pipeline> createPipeline() {
        return ToolDefinition.write("create_pipeline", Toolset.devops, false, CreateInput.class, Pipeline.class)
                .title("Create a pipeline")
                .openWorld()
                .description("Create a pipeline in a DevOps project: from a Jenkinsfile (type pipeline) or for each "
                        + "branch of a git repository (multi-branch-pipeline).")
                .routes(Scoped.routes(DevOpsApi.class, "createPipeline", "listCredentials"))
                .text(p -> "Created pipeline " + p.details() + ". Start it with run_pipeline.")
                .handler(this::createPipeline);
    }

    private Uni<Pipeline> createPipeline(ToolContext ctx, CreateInput in) {
        ObjectNode body = body(in, ctx.kubesphere().knownUsername().orElse(null));
        return checkCredential(ctx, in)
                .flatMap(note -> ctx.kubesphere()
                        .call(auth -> Scoped.on(in.cluster())
                                ? ctx.kubesphere().devops().createPipeline(auth, in.cluster(), in.devopsProject(), body)
                                : ctx.kubesphere().devops().createPipeline(auth, in.devopsProject(), body))
                        .map(created -> Pipeline.from(created).withNotVerified(note)))
                .onFailure(f -> f instanceof KubeSphereError e
                        && e.kind() == KubeSphereError.Kind.CONFLICT)
                .transform(f -> new ToolError(ToolError.Outcome.FAILED, "A pipeline named " + in.pipeline()
                        + " already exists in DevOps project " + in.devopsProject()
                        + ". Choose another name, or use get_pipeline / run_pipeline on the existing one."));
    }

    /**
     * ks-devops stores any credential_id without checking it; Jenkins then fails to clone. So one read first: the
     * credential must exist in the project. Null when it does (or none is given), a note when the caller may not list
     * credentials (403) and it could not be checked.
     */
    private static Uni<String> checkCredential(ToolContext ctx, CreateInput in) {
        if (in.credentialId() == null) {
            return Uni.createFrom().nullItem();
        }
        return ctx.kubesphere()
                .call(auth -> Scoped.on(in.cluster())
                        ? ctx.kubesphere().devops().listCredentials(auth, in.cluster(), in.devopsProject(), in.credentialId(), null,
                                null)
                        : ctx.kubesphere().devops().listCredentials(auth, in.devopsProject(), in.credentialId(), null, null))
                .map(list -> {
                    boolean found = Kube.items(list, Kube::name).contains(in.credentialId());
                    if (!found) {
                        throw ToolError.invalid("DevOps project " + in.devopsProject() + " has no credential "
                                + in.credentialId() + ". Use list_credentials to pick one (or create it in the "
                                + "KubeSphere console first). Nothing was created.");
                    }
                    return (String) null;
                })
                .onFailure(f -> f instanceof KubeSphereError e && e.status() == 403)
                .recoverWithItem(f -> "Credential " + in.credentialId() + " could not be verified (no permission "
                        + "to list the project's credentials).");
    }

    /** The Pipeline object as ks-devops takes it; checks the fields the chosen type needs before anything is sent. */
    static ObjectNode body(CreateInput in, String creator) {
        boolean multi = in.type() == PipelineType.MULTI_BRANCH;
        List<String> problems = new ArrayList<>();
        if (multi) {
            if (blank(in.gitUrl())) {
                problems.add("git_url is required for a multi-branch-pipeline");
            }
            if (in.jenkinsfile() != null) {
                problems.add("jenkinsfile does not apply to a multi-branch-pipeline (Jenkins reads script_path "
                        + "from each branch)");
            }
            if (in.parameters() != null && !in.parameters().isEmpty()) {
                problems.add("parameters do not apply to a multi-branch-pipeline (declare them in the Jenkinsfile)");
            }
        } else {
            if (blank(in.jenkinsfile())) {
                problems.add("jenkinsfile is required for type pipeline");
            }
            List<String> multiOnly = new ArrayList<>();
            if (in.gitUrl() != null) {
                multiOnly.add("git_url");
            }
            if (in.credentialId() != null) {
                multiOnly.add("credential_id");
            }
            // Their defaults are filled in for every call; only a different value says the caller meant them.
            if (!SCRIPT_PATH.equals(in.scriptPath())) {
                multiOnly.add("script_path");
            }
            if (in.branchDiscovery() != BranchDiscovery.BRANCHES) {
                multiOnly.add("branch_discovery");
            }
            if (!multiOnly.isEmpty()) {
                problems.add(String.join(", ", multiOnly) + " apply only to type multi-branch-pipeline");
            }
            if (in.parameters() != null) {
                Set<String> seen = new HashSet<>();
                in.parameters().stream().map(ParameterInput::name).filter(n -> !seen.add(n)).distinct()
                        .forEach(n -> problems.add("parameter " + n + " is given twice"));
            }
        }
        if (!problems.isEmpty()) {
            throw ToolError.invalid("Cannot create pipeline " + in.pipeline() + ": " + String.join("; ", problems)
                    + ". Nothing was sent to KubeSphere.");
        }

        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode body = f.objectNode();
        body.put("apiVersion", "devops.kubesphere.io/v1alpha3");
        body.put("kind", "Pipeline");
        ObjectNode meta = body.putObject("metadata");
        meta.put("name", in.pipeline());
        meta.put("namespace", in.devopsProject());
        ObjectNode annotations = f.objectNode();
        if (creator != null) {
            annotations.put(DevOpsViews.ANN_CREATOR, creator);
        }
        if (!blank(in.description())) {
            annotations.put(DevOpsViews.ANN_DESCRIPTION, in.description());
        }
        if (!annotations.isEmpty()) {
            meta.set("annotations", annotations);
        }
        ObjectNode spec = body.putObject("spec");
        if (multi) {
            spec.put("type", PipelineType.MULTI_BRANCH.wire());
            ObjectNode mb = spec.putObject("multi_branch_pipeline");
            mb.put("name", in.pipeline());
            if (!blank(in.description())) {
                mb.put("description", in.description());
            }
            mb.put("source_type", "git");
            ObjectNode git = mb.putObject("git_source");
            git.put("url", in.gitUrl());
            if (in.credentialId() != null) {
                git.put("credential_id", in.credentialId());
            }
            BranchDiscovery discovery = in.branchDiscovery();
            git.put("discover_branches", true);
            if (discovery == BranchDiscovery.BRANCHES_AND_TAGS) {
                git.put("discover_tags", true);
            }
            mb.put("script_path", in.scriptPath());
        } else {
            spec.put("type", PipelineType.PIPELINE.wire());
            ObjectNode p = spec.putObject("pipeline");
            p.put("name", in.pipeline());
            if (!blank(in.description())) {
                p.put("description", in.description());
            }
            if (in.parameters() != null && !in.parameters().isEmpty()) {
                ArrayNode params = p.putArray("parameters");
                for (ParameterInput param : in.parameters()) {
                    ObjectNode node = params.addObject();
                    node.put("name", param.name());
                    if (param.defaultValue() != null) {
                        node.put("default_value", param.defaultValue());
                    }
                    node.put("type", param.type().wire());
                    if (!blank(param.description())) {
                        node.put("description", param.description());
                    }
                }
            }
            p.put("jenkinsfile", in.jenkinsfile());
        }
        return body;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
