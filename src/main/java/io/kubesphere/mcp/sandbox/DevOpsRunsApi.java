package io.kubesphere.mcp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.sandbox.SimAuthorizer.Attrs;
import io.kubesphere.mcp.sandbox.SimWorld.InputState;
import io.kubesphere.mcp.sandbox.SimWorld.RunState;
import io.kubesphere.mcp.sandbox.SimWorld.Stage;
import io.kubesphere.mcp.sandbox.SimWorld.Step;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ks-devops v1alpha2 Jenkins proxy for controlling a build (DO pkg/kapis/devops/v1alpha2/register.go): stop,
 * answer an input step (SubmitInputStep with its hasSubmitPermission check), one step's log and the run's artifacts.
 * Each route exists plain and under {@code branches/{b}} for multi-branch pipelines; {@code {id}} is the Jenkins run
 * id, not the PipelineRun name.
 */
final class DevOpsRunsApi {
    private static final String J = "/kapis/devops.kubesphere.io/v1alpha2/namespaces/{d}/pipelines/{p}";
    private static final Pattern ID = Pattern.compile("\\bid:\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern MESSAGE = Pattern.compile("\\bmessage:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FIRST_STRING = Pattern.compile("['\"]([^'\"]*)['\"]");
    private static final Pattern SUBMITTER = Pattern.compile("\\bsubmitter:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern PARAM_NAME = Pattern.compile("\\bname:\\s*['\"]([^'\"]+)['\"]");

    private final SimWorld w;
    private final SimAuthorizer authz;
    private final DevOpsApi devops;

    DevOpsRunsApi(SimWorld w, SimAuthorizer authz, DevOpsApi devops) {
        this.w = w;
        this.authz = authz;
        this.devops = devops;
    }

    void register(SimRouter r) {
        for (String prefix : List.of(J + "/runs/{id}", J + "/branches/{b}/runs/{id}")) {
            r.add("POST", prefix + "/stop", this::stop);
            // SubmitInputStep produces only "text/plain; charset=utf-8" (register.go), like the log routes.
            r.add("POST", prefix + "/nodes/{node}/steps/{step}", SimRouter.Media.TEXT, this::submitInput);
            r.add("GET", prefix + "/nodes/{node}/steps/{step}/log", SimRouter.Media.TEXT, this::stepLog);
            r.add("GET", prefix + "/artifacts", this::artifacts);
        }
    }

    // ---------- input steps, as stagesOf found them ----------

    /** The arguments of a step call: the rest of its line. */
    static String restOfStep(String body, int from) {
        int end = body.indexOf('\n', from);
        return body.substring(from, end < 0 ? body.length() : end).strip();
    }

    /** The build's first input step (Jenkins' default id is the capitalised MD5 of the message). */
    static InputState inputOf(List<Stage> stages) {
        for (int i = 0; i < stages.size(); i++) {
            List<Step> steps = stages.get(i).steps();
            for (int j = 0; j < steps.size(); j++) {
                if (!"input".equals(steps.get(j).kind())) {
                    continue;
                }
                String args = steps.get(j).arg() == null ? "" : steps.get(j).arg();
                InputState in = new InputState();
                in.stage = i;
                in.step = j;
                in.message = first(MESSAGE, args, first(FIRST_STRING, args, "Proceed?"));
                in.id = first(ID, args, defaultId(in.message));
                String submitter = first(SUBMITTER, args, "");
                in.submitter = submitter.isBlank() ? null : submitter;
                int params = args.indexOf("parameters:");
                if (params >= 0) {
                    Matcher m = PARAM_NAME.matcher(args.substring(params));
                    while (m.find()) {
                        in.parameters.add(m.group(1));
                    }
                }
                return in;
            }
        }
        return null;
    }

    private static String first(Pattern p, String text, String otherwise) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : otherwise;
    }

    private static String defaultId(String message) {
        try {
            String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(message.getBytes(StandardCharsets.UTF_8)));
            return Character.toUpperCase(md5.charAt(0)) + md5.substring(1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** BlueOcean's InputStepImpl as a paused step carries it. */
    static ObjectNode inputView(RunState r) {
        InputState in = r.input;
        ArrayNode params = Json.a();
        for (String p : in.parameters) {
            params.add(Json.o("_class", "hudson.model.StringParameterDefinition", "name", p,
                    "type", "StringParameterDefinition",
                    "defaultParameterValue", Json.o("_class", "hudson.model.StringParameterValue", "name", p,
                            "value", "")));
        }
        return Json.o("_class", "io.jenkins.blueocean.rest.impl.pipeline.InputStepImpl", "id", in.id,
                "message", in.message, "ok", "Proceed", "parameters", params, "submitter", in.submitter);
    }

    // ---------- handlers ----------

    private RunState run(SimExchange ex, String verb) {
        String d = ex.param("d");
        String p = ex.param("p");
        authz.check(ex, Attrs.namespace(verb, DevOpsApi.GROUP, "pipelines", "runs", p, d));
        devops.requirePipeline(d, p);
        String id = ex.param("id");
        String branch = ex.param("b");
        Instant now = w.now();
        for (RunState r : devops.runsOf(d, p)) {
            if (Integer.toString(r.jenkinsId).equals(id) && DevOpsApi.hasStarted(r, now)
                    && (branch == null ? r.branch == null : branch.equals(r.branch))) {
                return r;
            }
        }
        // The proxy relays Jenkins' own 404 for a build it does not know (yet).
        throw SimError.notFound("Not Found");
    }

    private SimResponse stop(SimExchange ex) {
        RunState r = run(ex, "create");
        Instant now = w.now();
        if (!DevOpsApi.isDone(r, now)) {
            r.stoppedAtMs = DevOpsApi.elapsedMs(r, now);
            r.stoppedBy = ex.userName();
            r.endedAt = now;
        }
        // BlueOcean answers with the run (blocking=true waits until it stopped).
        return SimResponse.ok(devopsRun(r, now));
    }

    private ObjectNode devopsRun(RunState r, Instant now) {
        ObjectNode view = DevOpsApi.latestRunView(r, now);
        view.put("_class", "io.jenkins.blueocean.rest.impl.pipeline.PipelineRunImpl");
        return view;
    }

    private SimResponse submitInput(SimExchange ex) {
        RunState r = run(ex, "create");
        Instant now = w.now();
        String node = ex.param("node");
        String step = ex.param("step");
        // hasSubmitPermission: the step must be a paused input the caller may answer; a refusal is a 200 whose
        // body says allow=false (DO v1alpha2/devops.go SubmitInputStep).
        String refusal = null;
        JsonNode target = null;
        for (JsonNode n : DevOpsApi.nodes(r, now, true)) {
            if (!node.equals(n.path("id").asText())) {
                continue;
            }
            for (JsonNode s : n.path("steps")) {
                if (step.equals(s.path("id").asText())) {
                    target = s;
                }
            }
        }
        if (target == null) {
            refusal = "you have no permission to approve this step";
        } else if (!target.has("input")) {
            refusal = "the step '" + target.path("displayName").asText() + "' is not approvable";
        } else if (r.input.submitter != null && !ex.userName().equals(creatorOf(r))
                && !List.of(r.input.submitter.split("\\s*,\\s*")).contains(ex.userName())) {
            refusal = "you have no permission to approve this step";
        }
        if (refusal != null) {
            return SimResponse.raw(200, SimResponse.TEXT, Json.write(Json.o("allow", "false", "message", refusal)));
        }
        ObjectNode payload = ex.readObject("devops.CheckPlayload");
        if (!r.input.id.equals(payload.path("id").asText())) {
            // Jenkins' InputAction has no input with that id.
            throw SimError.text(404, "Not Found");
        }
        r.input.decidedAt = now;
        r.input.decidedBy = ex.userName();
        r.input.aborted = payload.path("abort").asBoolean(false);
        if (r.input.aborted) {
            r.endedAt = now;
        }
        for (JsonNode p : payload.path("parameters")) {
            r.input.values.put(p.path("name").asText(), p.path("value").asText());
        }
        return SimResponse.raw(200, SimResponse.TEXT, "");
    }

    private String creatorOf(RunState r) {
        SimWorld.PipelineState ps = w.pipelines.get(r.namespace).get(r.pipeline);
        return ps == null ? null : Json.annotation(ps.obj, SimWorld.ANN_CREATOR);
    }

    private SimResponse stepLog(SimExchange ex) {
        RunState r = run(ex, "get");
        Instant now = w.now();
        String node = ex.param("node");
        String step = ex.param("step");
        int id = 3;
        for (int i = 0; i < r.stages.size(); i++) {
            Stage s = r.stages.get(i);
            boolean thisNode = node.equals(Integer.toString(id++));
            for (int j = 0; j < s.steps().size(); j++) {
                boolean thisStep = step.equals(Integer.toString(id++));
                if (thisNode && thisStep) {
                    return SimResponse.raw(200, SimResponse.TEXT, stepText(r, i, j, now));
                }
            }
        }
        throw SimError.notFound("Not Found");
    }

    private String stepText(RunState r, int stage, int step, Instant now) {
        long ms = DevOpsApi.elapsedMs(r, now);
        long from = DevOpsApi.RUNNING_AFTER_MS + stage * DevOpsApi.stageShare(r);
        if (ms < from) {
            return "";
        }
        if (r.input != null && r.input.stage == stage && r.input.step == step) {
            String answer = r.input.decidedAt == null ? "" : (r.input.aborted ? "Rejected by " : "Approved by ")
                    + r.input.decidedBy + "\n";
            return r.input.message + "\nProceed or Abort\n" + answer;
        }
        StringBuilder sb = new StringBuilder();
        devops.appendStep(sb, r.stages.get(stage).steps().get(step), r);
        // The step log has no "[Pipeline]" marker line of its own.
        String text = sb.toString();
        return text.startsWith("[Pipeline]") ? text.substring(text.indexOf('\n') + 1) : text;
    }

    private SimResponse artifacts(SimExchange ex) {
        RunState r = run(ex, "get");
        Instant now = w.now();
        long ms = DevOpsApi.elapsedMs(r, now);
        long share = DevOpsApi.stageShare(r);
        ArrayNode out = Json.a();
        for (int i = 0; i < r.stages.size(); i++) {
            long to = i == r.stages.size() - 1 ? DevOpsApi.DONE_AFTER_MS
                    : DevOpsApi.RUNNING_AFTER_MS + (i + 1) * share;
            if (ms < to) {
                break; // archiveArtifacts copies when its stage completes
            }
            for (Step st : r.stages.get(i).steps()) {
                if ("archiveArtifacts".equals(st.kind()) && st.arg() != null) {
                    String path = st.arg().replace("*.jar", "devops-sample-0.0.1-SNAPSHOT.jar")
                            .replace("*", "report");
                    String name = path.substring(path.lastIndexOf('/') + 1);
                    out.add(Json.o("_class", "io.jenkins.blueocean.service.embedded.rest.ArtifactImpl",
                            "downloadable", true, "id", Integer.toString(Math.abs(path.hashCode())),
                            "name", name, "path", path, "size", name.endsWith(".jar") ? 17_304_416 : 2_048,
                            "url", "/job/" + r.namespace + "/job/" + r.pipeline + "/" + r.jenkinsId + "/artifact/"
                                    + path));
                }
            }
        }
        int start = Math.max(0, SimList.intParam(ex.q("start"), 0));
        int limit = Math.max(0, SimList.intParam(ex.q("limit"), 100));
        ArrayNode page = Json.a();
        for (int i = start; i < Math.min(out.size(), start + limit); i++) {
            page.add(out.get(i));
        }
        return SimResponse.ok(page);
    }
}
