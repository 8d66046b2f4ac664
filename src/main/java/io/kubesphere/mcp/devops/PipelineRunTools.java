package io.kubesphere.mcp.devops;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.catalog.Counted;
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
import io.kubesphere.mcp.devops.DevOpsViews.Run;
import io.kubesphere.mcp.devops.DevOpsViews.Stage;
import io.kubesphere.mcp.kubesphere.GitBranch;
import io.kubesphere.mcp.kubesphere.KsAuth;
import io.kubesphere.mcp.kubesphere.Kube;
import io.kubesphere.mcp.kubesphere.KubeSphereError;
import io.kubesphere.mcp.kubesphere.Route;
import io.kubesphere.mcp.kubesphere.api.DevOpsApi;
import io.kubesphere.mcp.kubesphere.api.DevOpsLogApi;
import io.kubesphere.mcp.policy.DnsLabel;
import io.kubesphere.mcp.policy.Names;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;


/** Pipeline runs: start one, list them, follow one to its end, read its Jenkins log. */
@ApplicationScoped
public class PipelineRunTools implements ToolProvider {

    private static final Logger LOG = Logger.getLogger(PipelineRunTools.class);


    static final int MAX_WAIT_SECONDS = 300;
    static final int MAX_TAIL_LINES = 5000;
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    static final String PARAM_NAME = "^[A-Za-z_][A-Za-z0-9_.-]{0,127}$";

    public record RunInput(
            @JsonPropertyDescription(DevOpsInputs.DEVOPS_PROJECT) @JsonProperty("devops_project") @NotNull
            @DnsLabel String devopsProject,
            @JsonPropertyDescription(DevOpsInputs.PIPELINE) @NotNull
            @DnsLabel String pipeline,
            @JsonPropertyDescription("Branch to build, e.g. feat/x (required for multi-branch pipelines, not allowed "
                    + "otherwise)")
            @Pattern(regexp = DevOpsInputs.BRANCH, message = DevOpsInputs.BRANCH_RULE) String branch,
            // Names and values are checked in the handler (runParameters): JSON schema cannot say "scalar of any kind".
            @JsonPropertyDescription("Build parameters, e.g. {\"TAG\": \"v1\"}")
            Map<String, Object> parameters,
            @JsonPropertyDescription(DevOpsInputs.CLUSTER) @DnsLabel String cluster) {
    }

    public record ListRunsInput(
            @JsonPropertyDescription(DevOpsInputs.DEVOPS_PROJECT) @JsonProperty("devops_project") @NotNull
            @DnsLabel String devopsProject,
            @JsonPropertyDescription(DevOpsInputs.PIPELINE) @NotNull
            @DnsLabel String pipeline,
            @JsonPropertyDescription("Only runs of this branch (multi-branch pipelines)")
            @Pattern(regexp = DevOpsInputs.BRANCH, message = DevOpsInputs.BRANCH_RULE) String branch,
            @JsonPropertyDescription(DevOpsInputs.CLUSTER) @DnsLabel String cluster,
            @PageNumber Integer page,
            @PageSize Integer limit) implements Paged {
    }

    public record GetRunInput(
            @JsonPropertyDescription(DevOpsInputs.DEVOPS_PROJECT) @JsonProperty("devops_project") @NotNull
            @DnsLabel String devopsProject,
            @JsonPropertyDescription("Run name, from run_pipeline or list_pipeline_runs") @NotNull
            @DnsLabel String run,
            @JsonPropertyDescription("Seconds to wait for the run to finish, with progress")
            @JsonProperty("wait_seconds") @Min(0) @Max(MAX_WAIT_SECONDS) @Default("0") Integer waitSeconds,
            @JsonPropertyDescription(DevOpsInputs.CLUSTER) @DnsLabel String cluster) {
    }

    public record LogInput(
            @JsonPropertyDescription(DevOpsInputs.DEVOPS_PROJECT) @JsonProperty("devops_project") @NotNull
            @DnsLabel String devopsProject,
            @JsonPropertyDescription(DevOpsInputs.PIPELINE) @NotNull
            @DnsLabel String pipeline,
            @JsonPropertyDescription("Run name, from run_pipeline or list_pipeline_runs") @NotNull
            @DnsLabel String run,
            @JsonPropertyDescription("Return only the last lines of the log")
            @JsonProperty("tail_lines") @Min(1) @Max(MAX_TAIL_LINES) @Default("200") Integer tailLines,
            @JsonPropertyDescription(DevOpsInputs.CLUSTER) @DnsLabel String cluster) {
    }

    public record RunParameter(String name, String value) {
    }

    public record RunDetail(String name, String pipeline, String branch, String phase, boolean finished,
            @JsonProperty("start_time") String startTime, @JsonProperty("completion_time") String completionTime,
            @JsonProperty("jenkins_id") String jenkinsId, String creator, String message,
            List<RunParameter> parameters, List<Stage> stages,
            @JsonProperty("waited_seconds") Integer waitedSeconds) {

        String text() {
            StringBuilder sb = new StringBuilder("Run " + name + (jenkinsId == null ? "" : " (#" + jenkinsId + ")")
                    + " of pipeline " + pipeline + (branch == null ? "" : " [" + branch + "]") + ": " + phase);
            if (startTime != null) {
                sb.append(", started ").append(startTime);
            }
            if (completionTime != null) {
                sb.append(", completed ").append(completionTime);
            }
            if (message != null) {
                sb.append(" (").append(message).append(')');
            }
            if (stages != null && !stages.isEmpty()) {
                sb.append(". Stages: ").append(stages.stream().map(Stage::line).collect(Collectors.joining(", ")));
            }
            if (!finished) {
                sb.append(waitedSeconds != null && waitedSeconds > 0
                        ? ". Still running after waiting " + waitedSeconds + " s; call again with wait_seconds to keep "
                                + "following it"
                        : ". Not finished; call again with wait_seconds to follow it");
            }
            return sb.append('.').toString();
        }
    }

    public record RunLog(String run, String pipeline, @JsonProperty("jenkins_id") String jenkinsId, String phase,
            @JsonProperty("total_lines") int totalLines, @JsonProperty("cut_lines") int cutLines, String log) {

        String text() {
            String head = "Log of run " + run + " (#" + jenkinsId + ", " + phase + ")"
                    + (cutLines > 0 ? ", last " + (totalLines - cutLines) + " of " + Counted.of(totalLines, "line")
                            + "; " + Counted.of(cutLines, "earlier line") + " cut (raise tail_lines, up to "
                            + MAX_TAIL_LINES + ", to see more)" : ", " + Counted.of(totalLines, "line"))
                    + (DevOpsViews.FINAL_PHASES.contains(phase) ? "" : "; the run is still going, the log may grow");
            return log == null || log.isEmpty() ? head + "." : head + ":\n" + log;
        }
    }

    @Override
    public List<ToolDefinition<?, ?>> tools() {
        return List.of(runPipeline(), listPipelineRuns(), getPipelineRun(), getPipelineRunLog());
    }

    ToolDefinition<RunInput, Run> runPipeline() {
        return ToolDefinition.write("run_pipeline", Toolset.devops, false, RunInput.class, Run.class)
                .title("Run a pipeline")
                .openWorld()
                .description("Start a pipeline run (branch required for multi-branch) and return its name; follow "
                        + "it with get_pipeline_run.")
                .routes(Scoped.routes(DevOpsApi.class, "getPipeline", "triggerRun"))
                .text(r -> "Started run " + r.name() + " of pipeline " + r.pipeline()
                        + (r.branch() == null ? "" : " [" + r.branch() + "]") + " (phase " + r.phase()
                        + "). Follow it with get_pipeline_run run=" + r.name() + " and wait_seconds."
                        + (r.notVerified() == null ? "" : " " + r.notVerified()))
                .handler(this::runPipeline);
    }

    private Uni<Run> runPipeline(ToolContext ctx, RunInput in) {
        Map<String, String> parameters = runParameters(in.parameters()); // before any request
        GitBranch branch = branchInput(in.branch(), "run_pipeline");
        return ctx.kubesphere()
                .call(auth -> Scoped.on(in.cluster())
                        ? ctx.kubesphere().devops().getPipeline(auth, in.cluster(), in.devopsProject(), in.pipeline())
                        : ctx.kubesphere().devops().getPipeline(auth, in.devopsProject(), in.pipeline()))
                .map(pipeline -> checked(in, branch, parameters, pipeline))
                // Who may start runs but not read the pipeline: start it, and say what went unchecked.
                .onFailure(f -> f instanceof KubeSphereError e && e.status() == 403)
                .recoverWithItem(f -> new Checked(branch == null ? null : branch.name(),
                        "The branch and parameters could not be verified (no permission to read "
                                + "pipeline " + in.pipeline() + ")."))
                .flatMap(checked -> {
                    ObjectNode body = JsonNodeFactory.instance.objectNode();
                    ArrayNode params = body.putArray("parameters");
                    parameters.forEach((k, v) -> params.addObject().put("name", k).put("value", v));
                    return ctx.kubesphere().call(auth -> Scoped.on(in.cluster())
                            ? ctx.kubesphere().devops().triggerRun(auth, in.cluster(), in.devopsProject(), in.pipeline(),
                                    Kube.param(checked.branch()), body)
                            : ctx.kubesphere().devops().triggerRun(auth, in.devopsProject(), in.pipeline(),
                                    Kube.param(checked.branch()), body))
                            .map(run -> Run.from(run).withNotVerified(checked.note()));
                });
    }

    /** What run_pipeline sends after its checks: the Jenkins branch name (or null) and what could not be checked. */
    record Checked(String branch, String note) {
    }

    /** A branch argument in either form (feat/x or feat%2Fx); null when absent. */
    static GitBranch branchInput(String value, String tool) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return GitBranch.parse(value).orElseThrow(() -> ToolError.invalid("Invalid arguments for " + tool
                + ": branch " + GitBranch.RULE + ". Nothing was sent to KubeSphere."));
    }

    /** The checks a real server skips (it starts runs for any branch and parameter), against the pipeline read. */
    static Checked checked(RunInput in, GitBranch branch, Map<String, String> parameters, JsonNode pipeline) {
        checkBranch(in, pipeline);
        String name = null;
        String note = null;
        List<String> declared = new ArrayList<>(DevOpsViews.declaredParameters(pipeline));
        if (branch != null) {
            List<JsonNode> reported = DevOpsViews.reportedBranches(pipeline);
            JsonNode match = reported.stream().filter(b -> branch.name().equals(Kube.text(b.path("name")))
                    || branch.raw().equals(Kube.text(b.path("rawName")))).findFirst().orElse(null);
            if (match == null && !reported.isEmpty()) {
                throw ToolError.invalid("Pipeline " + in.pipeline() + " has no branch " + branch + ". Branches: "
                        + DevOpsViews.branches(pipeline).stream().map(DevOpsViews.Branch::name)
                                .collect(Collectors.joining(", ")) + ". Nothing was started.");
            }
            if (match == null) {
                note = "Branch " + branch + " could not be verified: Jenkins has not reported the pipeline's "
                        + "branches yet.";
            } else {
                match.path("parameters").forEach(p -> {
                    String n = Kube.text(p.path("name"));
                    if (n != null && !declared.contains(n)) {
                        declared.add(n);
                    }
                });
            }
            name = match == null ? branch.name() : Kube.text(match.path("name"));
        }
        List<String> unknown = parameters.keySet().stream().filter(p -> !declared.contains(p)).toList();
        if (!unknown.isEmpty()) {
            throw ToolError.invalid("Pipeline " + in.pipeline() + (branch == null ? "" : " [" + branch + "]")
                    + " does not declare parameter" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown)
                    + (declared.isEmpty() ? "; it declares no parameters" : "; it declares " + String.join(", ",
                            declared)) + ". Nothing was started.");
        }
        return new Checked(name, note);
    }

    static final java.util.regex.Pattern PARAM_NAME_PATTERN = java.util.regex.Pattern.compile(PARAM_NAME);
    static final int MAX_PARAMETERS = 50;
    static final int MAX_PARAMETER_VALUE = 4096;

    /** The parameters object as sorted name/value strings; scalars are accepted as their text. */
    static Map<String, String> runParameters(Object parameters) {
        Map<String, String> out = new TreeMap<>();
        if (parameters == null) {
            return out;
        }
        if (!(parameters instanceof Map<?, ?> map)) {
            throw ToolError.invalid("Invalid arguments for run_pipeline: parameters must be an object of name to "
                    + "value, e.g. {\"TAG\": \"v1\"}. Nothing was sent to KubeSphere.");
        }
        List<String> problems = new ArrayList<>();
        if (map.size() > MAX_PARAMETERS) {
            problems.add("at most " + MAX_PARAMETERS + " parameters");
        }
        map.forEach((k, v) -> {
            String name = String.valueOf(k);
            if (!PARAM_NAME_PATTERN.matcher(name).matches()) {
                problems.add("parameter name '" + (name.length() > 40 ? name.substring(0, 40) + "…" : name)
                        + "' must start with a letter or '_' and contain only letters, digits, '_', '.' or '-'");
            } else if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                problems.add("parameter " + name + " needs a string, number or boolean value");
            } else if (String.valueOf(v).length() > MAX_PARAMETER_VALUE) {
                problems.add("parameter " + name + " is longer than " + MAX_PARAMETER_VALUE + " characters");
            } else {
                out.put(name, String.valueOf(v));
            }
        });
        if (!problems.isEmpty()) {
            throw ToolError.invalid("Invalid arguments for run_pipeline: " + String.join("; ", problems)
                    + ". Nothing was sent to KubeSphere.");
        }
        return out;
    }

    /** Refuses before the run request: a multi-branch pipeline needs a branch, a plain one takes none. */
    static void checkBranch(RunInput in, JsonNode pipeline) {
        boolean multi = DevOpsViews.MULTI_BRANCH.equals(DevOpsViews.type(pipeline));
        boolean hasBranch = in.branch() != null && !in.branch().isBlank();
        if (multi && !hasBranch) {
            List<DevOpsViews.Branch> branches = DevOpsViews.branches(pipeline);
            String url = Kube.text(pipeline.path("spec").path("multi_branch_pipeline").path("git_source").path("url"));
            throw ToolError.invalid("Pipeline " + in.pipeline() + " is a multi-branch pipeline: say which branch to "
                    + "build with branch. " + (branches.isEmpty()
                            ? "Jenkins has not reported its branches yet (they appear after it scans the repository"
                                    + (url == null ? "" : " " + url) + "); use a branch that exists there and "
                                    + "contains the Jenkinsfile, or check get_pipeline later."
                            : "Branches: " + branches.stream().map(DevOpsViews.Branch::name)
                                    .collect(Collectors.joining(", ")) + ".")
                    + " Nothing was started.");
        }
        if (!multi && hasBranch) {
            throw ToolError.invalid("Pipeline " + in.pipeline() + " is not a multi-branch pipeline, so it takes no "
                    + "branch; its Jenkinsfile decides what is checked out. Omit branch. Nothing was started.");
        }
    }

    ToolDefinition<ListRunsInput, Page<Run>> listPipelineRuns() {
        return ToolDefinition.read("list_pipeline_runs", Toolset.devops, ListRunsInput.class, Page.of(Run.class))
                .title("List pipeline runs")
                .description("List a pipeline's runs, newest first, with phase, times and Jenkins run id.")
                .routes(Scoped.routes(DevOpsApi.class, "listRuns"))
                .text(list -> list.render("run", Run::line, ", "))
                .handler(this::listPipelineRuns);
    }

    private Uni<Page<Run>> listPipelineRuns(ToolContext ctx, ListRunsInput in) {
        Paging paging = in.paging();
        // backward=false: also show runs Jenkins has not picked up yet (the default hides them).
        GitBranch branch = branchInput(in.branch(), "list_pipeline_runs");
        String name = branch == null ? null : branch.name();
        return ctx.kubesphere().call(auth -> Scoped.on(in.cluster())
                ? ctx.kubesphere().devops().listRuns(auth, in.cluster(), in.devopsProject(), in.pipeline(),
                        paging.page(), paging.limit(), name, false)
                : ctx.kubesphere().devops().listRuns(auth, in.devopsProject(), in.pipeline(), paging.page(),
                        paging.limit(), name, false)).map(body -> Page.from(body, paging, Run::from));
    }

    ToolDefinition<GetRunInput, RunDetail> getPipelineRun() {
        return ToolDefinition.read("get_pipeline_run", Toolset.devops, GetRunInput.class, RunDetail.class)
                .title("Get a pipeline run")
                .description("Get a pipeline run's phase, times and stages; wait_seconds waits (with progress) until "
                        + "it finishes.")
                .routes(Scoped.routes(DevOpsApi.class, "getRun", "getRunNodes"))
                .text(RunDetail::text)
                .handler(this::getPipelineRun);
    }

    private Uni<RunDetail> getPipelineRun(ToolContext ctx, GetRunInput in) {
        int wait = in.waitSeconds();
        long started = System.nanoTime();
        long deadline = started + Duration.ofSeconds(wait).toNanos();
        return follow(ctx, in, started, deadline).flatMap(run -> ctx.kubesphere()
                .call(auth -> Scoped.on(in.cluster())
                        ? ctx.kubesphere().devops().getRunNodes(auth, in.cluster(), in.devopsProject(), in.run())
                        : ctx.kubesphere().devops().getRunNodes(auth, in.devopsProject(), in.run()))
                .map(nodes -> Kube.items(nodes, Stage::from))
                // Stages are a detail: a Jenkins hiccup must not hide the run's phase.
                .onFailure().recoverWithItem(f -> {
                    LOG.debugf("nodedetails of %s failed: %s", in.run(), f.getMessage());
                    return null;
                })
                .map(stages -> detail(run, stages, wait == 0 ? null
                        : (int) Duration.ofNanos(System.nanoTime() - started).toSeconds())));
    }

    /** Reads the run until it reaches a final phase or the deadline passes, polling without blocking. */
    private Uni<JsonNode> follow(ToolContext ctx, GetRunInput in, long started, long deadline) {
        return ctx.kubesphere().call(auth -> Scoped.on(in.cluster())
                        ? ctx.kubesphere().devops().getRun(auth, in.cluster(), in.devopsProject(), in.run())
                        : ctx.kubesphere().devops().getRun(auth, in.devopsProject(), in.run()))
                .flatMap(run -> {
                    String phase = DevOpsViews.phase(run);
                    long now = System.nanoTime();
                    if (DevOpsViews.FINAL_PHASES.contains(phase) || now >= deadline) {
                        return Uni.createFrom().item(run);
                    }
                    long remaining = deadline - now;
                    Duration pause = Duration.ofNanos(Math.min(remaining, POLL_INTERVAL.toNanos()));
                    double elapsed = (now - started) / 1e9;
                    double total = (deadline - started) / 1e9;
                    return progress(ctx, elapsed, total, "run " + in.run() + ": phase " + phase)
                            .onItem().delayIt().by(pause)
                            .flatMap(ignored -> follow(ctx, in, started, deadline));
                });
    }

    /** A progress notification when the client asked for them (gave a progress token); never fails the call. */
    private static Uni<Void> progress(ToolContext ctx, double elapsed, double total, String message) {
        if (ctx.progressToken() == null || ctx.exchange() == null) {
            return Uni.createFrom().voidItem();
        }
        ProgressNotification note = new ProgressNotification(ctx.progressToken(), Math.round(elapsed * 10) / 10.0,
                total, message);
        // Off the Vert.x event loop: the SDK writes the notification to the servlet response with blocking I/O.
        return Uni.createFrom().completionStage(() -> ctx.exchange().progressNotification(note).toFuture())
                .runSubscriptionOn(Infrastructure.getDefaultExecutor())
                .replaceWithVoid()
                .onFailure().recoverWithItem(f -> {
                    LOG.debugf("progress notification failed: %s", f.getMessage());
                    return null;
                });
    }

    private static RunDetail detail(JsonNode run, List<Stage> stages, Integer waited) {
        Run r = Run.from(run);
        List<RunParameter> params = new ArrayList<>();
        run.path("spec").path("parameters").forEach(p -> params.add(new RunParameter(Kube.text(p.path("name")),
                Kube.text(p.path("value")))));
        String message = null;
        for (JsonNode c : run.path("status").path("conditions")) {
            if (Kube.text(c.path("message")) != null) {
                message = Kube.text(c.path("message"));
                break;
            }
        }
        return new RunDetail(r.name(), r.pipeline(), r.branch(), r.phase(),
                DevOpsViews.FINAL_PHASES.contains(r.phase()), r.startTime(), r.completionTime(), r.jenkinsId(),
                r.creator(), message, params.isEmpty() ? null : params, stages, waited);
    }

    ToolDefinition<LogInput, RunLog> getPipelineRunLog() {
        return ToolDefinition.read("get_pipeline_run_log", Toolset.devops, LogInput.class, RunLog.class)
                .title("Get a pipeline run's log")
                .description("Get the last lines of a pipeline run's Jenkins console log, e.g. to see why it failed.")
                .routes(Stream.of(Scoped.routes(DevOpsApi.class, "getRun"),
                        Scoped.routes(DevOpsLogApi.class, "runLog", "branchRunLog")).flatMap(Arrays::stream)
                        .toArray(Route[]::new))
                .text(RunLog::text)
                .handler(this::getPipelineRunLog);
    }

    private Uni<RunLog> getPipelineRunLog(ToolContext ctx, LogInput in) {
        return ctx.kubesphere()
                .call(auth -> Scoped.on(in.cluster())
                        ? ctx.kubesphere().devops().getRun(auth, in.cluster(), in.devopsProject(), in.run())
                        : ctx.kubesphere().devops().getRun(auth, in.devopsProject(), in.run()))
                .flatMap(run -> {
                    Run r = Run.from(run);
                    if (r.pipeline() != null && !r.pipeline().equals(in.pipeline())) {
                        throw ToolError.invalid("Run " + in.run() + " belongs to pipeline " + r.pipeline()
                                + ", not " + in.pipeline() + ". Call again with pipeline=" + r.pipeline() + ".");
                    }
                    if (r.jenkinsId() == null) {
                        throw new ToolError(ToolError.Outcome.FAILED, "Run " + in.run() + " has not started "
                                + "in Jenkins yet (phase " + r.phase() + "), so it has no log. Wait and retry, "
                                + "or use get_pipeline_run with wait_seconds to follow it until it starts.");
                    }
                    Function<KsAuth, Uni<Response>> call;
                    DevOpsLogApi logs = ctx.kubesphere().devopsLogs();
                    String cluster = in.cluster();
                    if (r.branch() == null) {
                        call = auth -> Scoped.on(cluster)
                                ? logs.runLog(auth, cluster, in.devopsProject(), in.pipeline(), r.jenkinsId(), 0)
                                : logs.runLog(auth, in.devopsProject(), in.pipeline(), r.jenkinsId(), 0);
                    } else {
                        // The Jenkins name (feat%2Fx): the REST client escapes its '%' once more on the wire.
                        String branch = GitBranch.parse(r.branch()).map(GitBranch::name)
                                .filter(Route::branchFits).orElseThrow(() -> new ToolError(
                                        ToolError.Outcome.FAILED, "The log of run " + in.run() + " on branch "
                                                + r.branch() + " cannot be addressed by this server (the "
                                                + "branch name does not fit in one URL path segment)."));
                        call = auth -> Scoped.on(cluster)
                                ? logs.branchRunLog(auth, cluster, in.devopsProject(), in.pipeline(), branch,
                                        r.jenkinsId(), 0)
                                : logs.branchRunLog(auth, in.devopsProject(), in.pipeline(), branch,
                                        r.jenkinsId(), 0);
                    }
                    return ctx.kubesphere().call(call)
                            .map(body -> tail(r, body, in.tailLines()));
                });
    }

    static RunLog tail(Run run, JsonNode body, int tailLines) {
        String text = body == null || body.isNull() ? "" : body.isTextual() ? body.asText() : body.toString();
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1); // the final newline ends the last line; it does not start another
        }
        int cut = Math.max(0, lines.size() - tailLines);
        return new RunLog(run.name(), run.pipeline(), run.jenkinsId(), run.phase(), lines.size(), cut,
                String.join("\n", lines.subList(cut, lines.size())));
    }
}
