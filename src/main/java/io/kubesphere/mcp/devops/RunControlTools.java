package io.kubesphere.mcp.devops;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.catalog.Counted;
import io.kubesphere.mcp.catalog.Default;
import io.kubesphere.mcp.catalog.ToolContext;
import io.kubesphere.mcp.catalog.ToolDefinition;
import io.kubesphere.mcp.catalog.ToolError;
import io.kubesphere.mcp.catalog.ToolProvider;
import io.kubesphere.mcp.catalog.Toolset;
import io.kubesphere.mcp.config.Jackson;
import io.kubesphere.mcp.devops.DevOpsViews.Run;
import io.kubesphere.mcp.kubesphere.GitBranch;
import io.kubesphere.mcp.kubesphere.KsAuth;
import io.kubesphere.mcp.kubesphere.Kube;
import io.kubesphere.mcp.kubesphere.Route;
import io.kubesphere.mcp.kubesphere.api.DevOpsApi;
import io.kubesphere.mcp.kubesphere.api.DevOpsLogApi;
import io.kubesphere.mcp.policy.DnsLabel;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Controlling a running build: stop it, run it again, answer its input step, read one step's log, list what it
 * archived. The Jenkins proxy addresses a build by pipeline and Jenkins run id (under its branch for multi-branch
 * pipelines), so every tool first reads the PipelineRun by name and takes those from it.
 */
@ApplicationScoped
public class RunControlTools implements ToolProvider {


    static final int MAX_ARTIFACTS = 100;
    private static final ObjectMapper JSON = Jackson.plain();

    public record RunRef(
            @JsonPropertyDescription(DevOpsInputs.DEVOPS_PROJECT) @JsonProperty("devops_project") @NotNull
            @DnsLabel String devopsProject,
            @JsonPropertyDescription(DevOpsInputs.RUN) @NotNull @DnsLabel String run,
            @JsonPropertyDescription(DevOpsInputs.CLUSTER) @DnsLabel String cluster) {
    }

    public enum InputAction {
        APPROVE("approve"), ABORT("abort");

        private final String wire;

        InputAction(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }

    public record InputAnswer(
            @JsonPropertyDescription(DevOpsInputs.DEVOPS_PROJECT) @JsonProperty("devops_project") @NotNull
            @DnsLabel String devopsProject,
            @JsonPropertyDescription(DevOpsInputs.RUN) @NotNull @DnsLabel String run,
            @JsonPropertyDescription("abort ends the run") @NotNull InputAction action,
            @JsonPropertyDescription("approve only, e.g. {\"ENV\": \"dev\"}") Map<String, Object> parameters,
            @JsonPropertyDescription(DevOpsInputs.CLUSTER) @DnsLabel String cluster) {
    }

    public record StepLogInput(
            @JsonPropertyDescription(DevOpsInputs.DEVOPS_PROJECT) @JsonProperty("devops_project") @NotNull
            @DnsLabel String devopsProject,
            @JsonPropertyDescription(DevOpsInputs.RUN) @NotNull @DnsLabel String run,
            @JsonPropertyDescription("Stage name") @NotNull @Size(min = 1, max = 200) String stage,
            @JsonPropertyDescription("1 = first step; default last") @Min(1) @Max(500) Integer step,
            @JsonProperty("tail_lines") @Min(1) @Max(PipelineRunTools.MAX_TAIL_LINES) @Default("200")
            Integer tailLines,
            @JsonPropertyDescription(DevOpsInputs.CLUSTER) @DnsLabel String cluster) {
    }

    public record Stopped(String run, String pipeline, @JsonProperty("jenkins_id") String jenkinsId, String state,
            String result, @JsonProperty("already_finished") boolean alreadyFinished) {
    }

    public record PendingInput(String stage, String step, @JsonProperty("input_id") String inputId,
            String message, List<String> parameters, String submitter) {
    }

    public record PendingInputs(String run, String phase, List<PendingInput> items) {
    }

    public record InputAnswered(String run, String action, String message) {
    }

    public record StepLog(String run, String stage, int step, @JsonProperty("step_name") String stepName,
            String state, @JsonProperty("total_lines") int totalLines, @JsonProperty("cut_lines") int cutLines,
            String log) {
    }

    public record Artifact(String name, String path, Long size) {
    }

    public record Artifacts(String run, List<Artifact> items) {
    }

    @Override
    public List<ToolDefinition<?, ?>> tools() {
        return List.of(stopRun(), rerunRun(), listPendingInputs(), submitInput(), stepLog(), listArtifacts());
    }

    /** A run as the Jenkins proxy needs it: pipeline, Jenkins id and (multi-branch) the Jenkins branch name. */
    record Target(Run run, String branch) {

        /** The proxy addresses a multi-branch pipeline's build under its branch, any other build without. */
        Uni<JsonNode> send(ToolContext ctx, Function<KsAuth, Uni<Response>> plain,
                Function<KsAuth, Uni<Response>> branched) {
            return ctx.kubesphere().call(branch == null ? plain : branched);
        }

        String pipeline() {
            return run.pipeline();
        }

        String jenkinsId() {
            return run.jenkinsId();
        }
    }

    static Uni<JsonNode> getRun(ToolContext ctx, String cluster, String devopsProject, String run) {
        DevOpsApi api = ctx.kubesphere().devops();
        return ctx.kubesphere().call(auth -> Scoped.on(cluster) ? api.getRun(auth, cluster, devopsProject, run)
                : api.getRun(auth, devopsProject, run));
    }

    static Uni<JsonNode> getRunNodes(ToolContext ctx, String cluster, String devopsProject, String run) {
        DevOpsApi api = ctx.kubesphere().devops();
        return ctx.kubesphere().call(auth -> Scoped.on(cluster) ? api.getRunNodes(auth, cluster, devopsProject, run)
                : api.getRunNodes(auth, devopsProject, run));
    }

    /** The routes of several API interfaces' methods, for {@code ToolDefinition.Builder.routes}. */
    private static Route[] routes(Route[]... groups) {
        return Arrays.stream(groups).flatMap(Arrays::stream).toArray(Route[]::new);
    }

    /** Reads the run and refuses what the Jenkins proxy cannot address (no Jenkins build yet). */
    static Uni<Target> target(ToolContext ctx, String cluster, String devopsProject, String runName, String tool) {
        return getRun(ctx, cluster, devopsProject, runName)
                .map(body -> {
                    Run run = Run.from(body);
                    if (run.jenkinsId() == null || run.pipeline() == null) {
                        throw new ToolError(ToolError.Outcome.FAILED, "Run " + runName + " has not started in "
                                + "Jenkins yet (phase " + run.phase() + "), so " + tool + " cannot reach it. Wait and "
                                + "retry, or follow it with get_pipeline_run wait_seconds.");
                    }
                    String branch = null;
                    if (run.branch() != null) {
                        branch = GitBranch.parse(run.branch()).map(GitBranch::name).orElseThrow(() -> new ToolError(
                                ToolError.Outcome.FAILED, "Run " + runName + " is on branch " + run.branch()
                                        + ", which this server cannot address in a URL path."));
                    }
                    return new Target(run, branch);
                });
    }

    ToolDefinition<RunRef, Stopped> stopRun() {
        return ToolDefinition.write("stop_pipeline_run", Toolset.devops, true, RunRef.class, Stopped.class)
                .destructive()
                .title("Stop a pipeline run")
                .description("Stop (abort) a running pipeline run. The run and its log are kept.")
                .routes(Scoped.routes(DevOpsApi.class, "getRun", "stopRun", "branchStopRun"))
                .text(s -> s.alreadyFinished()
                        ? "Run " + s.run() + " had already finished (" + s.result() + "); nothing was stopped."
                        : "Stopped run " + s.run() + " (#" + s.jenkinsId() + ") of pipeline " + s.pipeline()
                                + ": Jenkins result " + s.result() + " (KubeSphere shows phase Failed). Its log "
                                + "and record are kept.")
                .handler(this::stopRun);
    }

    private Uni<Stopped> stopRun(ToolContext ctx, RunRef in) {
        return target(ctx, in.cluster(), in.devopsProject(), in.run(), "stop_pipeline_run")
                .flatMap(t -> {
                    if (DevOpsViews.FINAL_PHASES.contains(t.run().phase())) {
                        return Uni.createFrom().item(new Stopped(in.run(), t.run().pipeline(),
                                t.run().jenkinsId(), "FINISHED", t.run().phase(), true));
                    }
                    DevOpsApi api = ctx.kubesphere().devops();
                    String c = in.cluster();
                    String p = in.devopsProject();
                    // blocking: the answer says how the build ended, waiting up to 10 s for Jenkins.
                    return t.send(ctx,
                                    auth -> Scoped.on(c)
                                            ? api.stopRun(auth, c, p, t.pipeline(), t.jenkinsId(), true, 10)
                                            : api.stopRun(auth, p, t.pipeline(), t.jenkinsId(), true, 10),
                                    auth -> Scoped.on(c)
                                            ? api.branchStopRun(auth, c, p, t.pipeline(), t.branch(),
                                                    t.jenkinsId(), true, 10)
                                            : api.branchStopRun(auth, p, t.pipeline(), t.branch(),
                                                    t.jenkinsId(), true, 10))
                            .map(body -> new Stopped(in.run(), t.run().pipeline(), t.run().jenkinsId(),
                                    Kube.text(body.path("state")), Kube.text(body.path("result")), false));
                });
    }

    ToolDefinition<RunRef, Run> rerunRun() {
        return ToolDefinition.write("rerun_pipeline_run", Toolset.devops, false, RunRef.class, Run.class)
                .title("Re-run a pipeline run")
                .openWorld() // Jenkins runs (or fetches) a repository's code
                .description("Start a new run of the same pipeline and branch with the same parameters.")
                .routes(Scoped.routes(DevOpsApi.class, "getRun", "triggerRun"))
                .text(r -> "Started run " + r.name() + " of pipeline " + r.pipeline()
                        + (r.branch() == null ? "" : " [" + r.branch() + "]") + " with the same parameters. Follow "
                        + "it with get_pipeline_run run=" + r.name() + " and wait_seconds.")
                .handler(this::rerunRun);
    }

    private Uni<Run> rerunRun(ToolContext ctx, RunRef in) {
        return getRun(ctx, in.cluster(), in.devopsProject(), in.run())
                .flatMap(old -> {
                    Run run = Run.from(old);
                    ObjectNode body = JsonNodeFactory.instance.objectNode();
                    ArrayNode params = body.putArray("parameters");
                    old.path("spec").path("parameters").forEach(p -> params.addObject()
                            .put("name", Kube.text(p.path("name"))).put("value", Kube.text(p.path("value"))));
                    // The Jenkins branch name exactly as the old run recorded it (refName).
                    String ref = Kube.text(old.path("spec").path("scm").path("refName"));
                    DevOpsApi api = ctx.kubesphere().devops();
                    return ctx.kubesphere().call(auth -> Scoped.on(in.cluster())
                                    ? api.triggerRun(auth, in.cluster(), in.devopsProject(), run.pipeline(),
                                            ref, body)
                                    : api.triggerRun(auth, in.devopsProject(), run.pipeline(), ref, body))
                            .map(Run::from);
                });
    }

    ToolDefinition<RunRef, PendingInputs> listPendingInputs() {
        return ToolDefinition.read("list_pending_inputs", Toolset.devops, RunRef.class, PendingInputs.class)
                .title("List a run's pending inputs")
                .description("List the input steps a pipeline run is waiting on (message, parameters).")
                .routes(Scoped.routes(DevOpsApi.class, "getRun", "getRunNodes"))
                .text(p -> p.items().isEmpty()
                        ? "Run " + p.run() + " (" + p.phase() + ") is not waiting for input."
                        : "Run " + p.run() + " waits for input: " + p.items().stream().map(i -> "stage " + i.stage()
                                + ": \"" + i.message() + "\"" + (i.parameters().isEmpty() ? ""
                                        : " (parameters " + String.join(", ", i.parameters()) + ")")
                                + (i.submitter() == null ? "" : " [submitter " + i.submitter() + "]"))
                                .collect(Collectors.joining("; ")) + ". Answer with submit_pipeline_input.")
                .handler(this::listPendingInputs);
    }

    private Uni<PendingInputs> listPendingInputs(ToolContext ctx, RunRef in) {
        return getRun(ctx, in.cluster(), in.devopsProject(), in.run())
                .flatMap(run -> getRunNodes(ctx, in.cluster(), in.devopsProject(), in.run())
                        .map(nodes -> new PendingInputs(in.run(), DevOpsViews.phase(run),
                                pending(nodes).stream().map(Pending::view).toList())));
    }

    /** A paused input step with the ids the Jenkins proxy needs. */
    record Pending(String node, String step, JsonNode input, PendingInput view) {
    }

    static List<Pending> pending(JsonNode nodes) {
        List<Pending> out = new ArrayList<>();
        for (JsonNode n : nodes) {
            for (JsonNode s : n.path("steps")) {
                JsonNode input = s.get("input");
                if (input == null || input.isNull() || !"PAUSED".equals(Kube.text(s.path("state")))) {
                    continue;
                }
                List<String> params = new ArrayList<>();
                input.path("parameters").forEach(p -> {
                    String name = Kube.text(p.path("name"));
                    if (name != null) {
                        params.add(name);
                    }
                });
                JsonNode submitter = input.get("submitter");
                out.add(new Pending(Kube.text(n.path("id")), Kube.text(s.path("id")), input,
                        new PendingInput(Kube.text(n.path("displayName")), Kube.text(s.path("displayName")),
                                Kube.text(input.path("id")), Kube.text(input.path("message")), params,
                                submitter == null || submitter.isNull() ? null : submitter.asText())));
            }
        }
        return out;
    }

    ToolDefinition<InputAnswer, InputAnswered> submitInput() {
        return ToolDefinition.write("submit_pipeline_input", Toolset.devops, false, InputAnswer.class,
                        InputAnswered.class)
                .destructive()
                .title("Approve or abort a run's input")
                .openWorld() // Jenkins runs (or fetches) a repository's code
                .description("Approve (with parameters) or abort the input step a pipeline run waits on.")
                .routes(routes(Scoped.routes(DevOpsApi.class, "getRun", "getRunNodes"),
                        Scoped.routes(DevOpsLogApi.class, "submitInput", "branchSubmitInput")))
                .text(a -> a.message())
                .handler(this::submitInput);
    }

    private Uni<InputAnswered> submitInput(ToolContext ctx, InputAnswer in) {
        Map<String, Object> values = inputParameters(in); // before any request
        return target(ctx, in.cluster(), in.devopsProject(), in.run(), "submit_pipeline_input")
                .flatMap(t -> getRunNodes(ctx, in.cluster(), in.devopsProject(), in.run())
                        .flatMap(nodes -> answer(ctx, in, t, pending(nodes), values)));
    }

    private Uni<InputAnswered> answer(ToolContext ctx, InputAnswer in, Target t, List<Pending> pending,
            Map<String, Object> values) {
        if (pending.isEmpty()) {
            throw ToolError.invalid("Run " + in.run() + " (phase " + t.run().phase() + ") is not waiting for input. "
                    + "Check get_pipeline_run; nothing was sent.");
        }
        Pending p = pending.get(0);
        List<String> unknown = values.keySet().stream().filter(k -> !p.view().parameters().contains(k)).toList();
        if (!unknown.isEmpty()) {
            throw ToolError.invalid("The input \"" + p.view().message() + "\" has no parameter "
                    + String.join(", ", unknown) + (p.view().parameters().isEmpty() ? "; it takes none"
                    : "; it takes " + String.join(", ", p.view().parameters())) + ". Nothing was sent.");
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("id", p.view().inputId());
        if (in.action() == InputAction.ABORT) {
            body.put("abort", true);
        } else {
            ArrayNode params = body.putArray("parameters");
            values.forEach((k, v) -> params.addObject().put("name", k).putPOJO("value", v));
        }
        DevOpsLogApi api = ctx.kubesphere().devopsLogs();
        String c = in.cluster();
        String dp = in.devopsProject();
        return t.send(ctx,
                        auth -> Scoped.on(c)
                                ? api.submitInput(auth, c, dp, t.pipeline(), t.jenkinsId(), p.node(), p.step(), body)
                                : api.submitInput(auth, dp, t.pipeline(), t.jenkinsId(), p.node(), p.step(), body),
                        auth -> Scoped.on(c)
                                ? api.branchSubmitInput(auth, c, dp, t.pipeline(), t.branch(), t.jenkinsId(), p.node(),
                                        p.step(), body)
                                : api.branchSubmitInput(auth, dp, t.pipeline(), t.branch(), t.jenkinsId(), p.node(),
                                        p.step(), body))
                .map(answer -> {
                    String refusal = refusal(answer);
                    if (refusal != null) {
                        throw ToolError.refused("KubeSphere refused to answer the input of run " + in.run() + ": "
                                + refusal + ". Only the pipeline's creator or the input's submitters ("
                                + (p.view().submitter() == null ? "anyone" : p.view().submitter()) + ") may answer.");
                    }
                    return new InputAnswered(in.run(), in.action().wire(), (in.action() == InputAction.ABORT
                            ? "Aborted the input \"" + p.view().message() + "\" of run " + in.run()
                                    + ": the run ends (Jenkins result ABORTED)."
                            : "Approved the input \"" + p.view().message() + "\" of run " + in.run()
                                    + "; it continues. Follow it with get_pipeline_run wait_seconds."));
                });
    }

    /** ks-devops answers a refused submit with 200 and {"allow":"false","message":…} in a text body. */
    static String refusal(JsonNode answer) {
        JsonNode parsed = answer;
        if (answer != null && answer.isTextual()) {
            try {
                parsed = JSON.readTree(answer.asText());
            } catch (Exception e) {
                return null;
            }
        }
        if (parsed != null && parsed.isObject() && "false".equals(Kube.text(parsed.path("allow")))) {
            String message = Kube.text(parsed.path("message"));
            return message == null ? "not allowed" : message;
        }
        return null;
    }

    static final java.util.regex.Pattern PARAM_NAME = java.util.regex.Pattern.compile(PipelineRunTools.PARAM_NAME);

    static Map<String, Object> inputParameters(InputAnswer in) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (in.parameters() == null || in.parameters().isEmpty()) {
            return out;
        }
        if (in.action() == InputAction.ABORT) {
            throw ToolError.invalid("Invalid arguments for submit_pipeline_input: parameters go with approve, not "
                    + "abort. Nothing was sent to KubeSphere.");
        }
        List<String> problems = new ArrayList<>();
        if (in.parameters().size() > PipelineRunTools.MAX_PARAMETERS) {
            problems.add("at most " + PipelineRunTools.MAX_PARAMETERS + " parameters");
        }
        in.parameters().forEach((k, v) -> {
            if (!PARAM_NAME.matcher(k).matches()) {
                problems.add("parameter name '" + (k.length() > 40 ? k.substring(0, 40) + "…" : k) + "' must start "
                        + "with a letter or '_' and contain only letters, digits, '_', '.' or '-'");
            } else if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                problems.add("parameter " + k + " needs a string, number or boolean value");
            } else if (String.valueOf(v).length() > PipelineRunTools.MAX_PARAMETER_VALUE) {
                problems.add("parameter " + k + " is longer than " + PipelineRunTools.MAX_PARAMETER_VALUE
                        + " characters");
            } else {
                out.put(k, v);
            }
        });
        if (!problems.isEmpty()) {
            throw ToolError.invalid("Invalid arguments for submit_pipeline_input: " + String.join("; ", problems)
                    + ". Nothing was sent to KubeSphere.");
        }
        return out;
    }

    ToolDefinition<StepLogInput, StepLog> stepLog() {
        return ToolDefinition.read("get_pipeline_step_log", Toolset.devops, StepLogInput.class, StepLog.class)
                .title("Get one step's log")
                .description("Get the last lines of one step's log in a pipeline run.")
                .routes(routes(Scoped.routes(DevOpsApi.class, "getRun", "getRunNodes"),
                        Scoped.routes(DevOpsLogApi.class, "stepLog", "branchStepLog")))
                .text(l -> "Log of step " + l.step() + " (" + l.stepName() + ", " + l.state() + ") of stage "
                        + l.stage() + " in run " + l.run() + (l.cutLines() > 0 ? ", last " + (l.totalLines()
                        - l.cutLines()) + " of " + Counted.of(l.totalLines(), "line") + " (raise tail_lines to see "
                        + "more)" : ", " + Counted.of(l.totalLines(), "line")) + (l.log().isEmpty() ? "." : ":\n"
                        + l.log()))
                .handler(this::stepLog);
    }

    private Uni<StepLog> stepLog(ToolContext ctx, StepLogInput in) {
        return oneLine(in.stage()).chain(() -> target(ctx, in.cluster(), in.devopsProject(),
                in.run(), "get_pipeline_step_log"))
                .flatMap(t -> getRunNodes(ctx, in.cluster(), in.devopsProject(), in.run())
                        .flatMap(nodes -> {
                            JsonNode stage = null;
                            List<String> names = new ArrayList<>();
                            for (JsonNode n : nodes) {
                                names.add(Kube.text(n.path("displayName")) + " (" + n.path("steps").size()
                                        + " steps)");
                                if (in.stage().equals(Kube.text(n.path("displayName"))) && stage == null) {
                                    stage = n;
                                }
                            }
                            if (stage == null) {
                                throw ToolError.invalid("Run " + in.run() + " has no stage \"" + in.stage()
                                        + "\"" + (names.isEmpty() ? " (no stage has started yet)"
                                        : "; its stages: " + String.join(", ", names)) + ".");
                            }
                            int count = stage.path("steps").size();
                            int index = in.step() == null ? count : in.step();
                            if (count == 0 || index > count) {
                                throw ToolError.invalid("Stage \"" + in.stage() + "\" of run " + in.run()
                                        + " has " + Counted.of(count, "started step") + "; pick step 1 to "
                                        + Math.max(1, count) + ".");
                            }
                            JsonNode step = stage.path("steps").get(index - 1);
                            int tail = in.tailLines();
                            DevOpsLogApi api = ctx.kubesphere().devopsLogs();
                            String c = in.cluster();
                            String dp = in.devopsProject();
                            String node = Kube.text(stage.path("id"));
                            String id = Kube.text(step.path("id"));
                            return t.send(ctx,
                                            auth -> Scoped.on(c)
                                                    ? api.stepLog(auth, c, dp, t.pipeline(), t.jenkinsId(),
                                                            node, id, 0)
                                                    : api.stepLog(auth, dp, t.pipeline(), t.jenkinsId(), node,
                                                            id, 0),
                                            auth -> Scoped.on(c)
                                                    ? api.branchStepLog(auth, c, dp, t.pipeline(), t.branch(),
                                                            t.jenkinsId(), node, id, 0)
                                                    : api.branchStepLog(auth, dp, t.pipeline(), t.branch(),
                                                            t.jenkinsId(), node, id, 0))
                                    .map(body -> {
                                        PipelineRunTools.RunLog log = PipelineRunTools.tail(t.run(), body,
                                                tail);
                                        return new StepLog(in.run(), in.stage(), index,
                                                Kube.text(step.path("displayName")),
                                                Kube.text(step.path("state")), log.totalLines(),
                                                log.cutLines(), log.log());
                                    });
                        }));
    }

    /** A stage name is matched, never sent; still, one line only, so a message quoting it stays readable. */
    private static Uni<Void> oneLine(String stage) {
        if (stage.chars().anyMatch(Character::isISOControl)) {
            throw ToolError.invalid("Invalid arguments for get_pipeline_step_log: stage must be one line without "
                    + "control characters. Nothing was sent to KubeSphere.");
        }
        return Uni.createFrom().voidItem();
    }

    private static Uni<JsonNode> artifacts(ToolContext ctx, RunRef in, Target t) {
        DevOpsApi api = ctx.kubesphere().devops();
        String c = in.cluster();
        String dp = in.devopsProject();
        return t.send(ctx,
                auth -> Scoped.on(c)
                        ? api.listArtifacts(auth, c, dp, t.pipeline(), t.jenkinsId(), 0, MAX_ARTIFACTS)
                        : api.listArtifacts(auth, dp, t.pipeline(), t.jenkinsId(), 0, MAX_ARTIFACTS),
                auth -> Scoped.on(c)
                        ? api.branchListArtifacts(auth, c, dp, t.pipeline(), t.branch(), t.jenkinsId(), 0, MAX_ARTIFACTS)
                        : api.branchListArtifacts(auth, dp, t.pipeline(), t.branch(), t.jenkinsId(), 0,
                                MAX_ARTIFACTS));
    }

    ToolDefinition<RunRef, Artifacts> listArtifacts() {
        return ToolDefinition.read("list_run_artifacts", Toolset.devops, RunRef.class, Artifacts.class)
                .title("List a run's artifacts")
                .description("List the files a pipeline run archived (name, path, size). Download them in the "
                        + "KubeSphere console.")
                .routes(Scoped.routes(DevOpsApi.class, "getRun", "listArtifacts", "branchListArtifacts"))
                .text(a -> a.items().isEmpty() ? "Run " + a.run() + " archived no artifacts."
                        : "Run " + a.run() + " archived " + Counted.of(a.items().size(), "file") + ": "
                                + a.items().stream().map(x -> x.path() + (x.size() == null ? "" : " (" + x.size()
                                        + " bytes)")).collect(Collectors.joining(", "))
                                + ". Download them in the KubeSphere console; this server does not.")
                .handler(this::listArtifacts);
    }

    private Uni<Artifacts> listArtifacts(ToolContext ctx, RunRef in) {
        return target(ctx, in.cluster(), in.devopsProject(), in.run(), "list_run_artifacts")
                .flatMap(t -> artifacts(ctx, in, t)
                        .map(body -> {
                            List<Artifact> items = new ArrayList<>();
                            if (body != null && body.isArray()) {
                                body.forEach(a -> items.add(new Artifact(Kube.text(a.path("name")),
                                        Kube.text(a.path("path")),
                                        a.path("size").isNumber() ? a.path("size").asLong() : null)));
                            }
                            return new Artifacts(in.run(), items);
                        }));
    }
}
