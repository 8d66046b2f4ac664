package io.kubesphere.mcp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.sandbox.SimAuthorizer.Attrs;
import io.kubesphere.mcp.sandbox.SimWorld.RunState;
import io.kubesphere.mcp.sandbox.SimWorld.Stage;
import io.kubesphere.mcp.sandbox.SimWorld.Step;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ks-devops (v4 paths): DevOps projects of a workspace, pipelines, pipeline runs with clock-driven progress, the
 * Jenkins log proxy and credentials. Run state is derived from the simulator clock on every read, so tests can
 * either wait in real time or call advanceClock.
 */
final class DevOpsApi {
    static final String GROUP = "devops.kubesphere.io";
    private static final String D = "/kapis/devops.kubesphere.io";
    static final String ANN_RUN_ID = "devops.kubesphere.io/jenkins-pipelinerun-id";
    static final String ANN_RUN_STATUS = "devops.kubesphere.io/jenkins-pipelinerun-status";
    static final String ANN_STAGES_STATUS = "devops.kubesphere.io/jenkins-pipelinerun-stages-status";
    static final String ANN_SYNC = "pipeline.devops.kubesphere.io/syncstatus";
    static final String ANN_JENKINS_META = "pipeline.devops.kubesphere.io/jenkins-metadata";
    static final String MULTI_BRANCH = "multi-branch-pipeline";
    static final long RUNNING_AFTER_MS = 1000;
    static final long DONE_AFTER_MS = 3000;
    private static final Set<String> MASKED = Set.of("password", "passphrase", "private_key", "secret", "content");
    private static final DateTimeFormatter JENKINS_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private final SimWorld w;
    private final SimAuthorizer authz;

    DevOpsApi(SimWorld w, SimAuthorizer authz) {
        this.w = w;
        this.authz = authz;
    }

    void register(SimRouter r) {
        r.add("GET", D + "/v1alpha3/workspaces/{ws}/namespaces", this::listProjects);
        r.add("GET", D + "/v1alpha3/namespaces/{d}/pipelines", this::listPipelines);
        r.add("POST", D + "/v1alpha3/namespaces/{d}/pipelines", this::createPipeline);
        r.add("GET", D + "/v1alpha3/namespaces/{d}/pipelines/{p}", this::getPipeline);
        r.add("GET", D + "/v1alpha3/namespaces/{d}/pipelines/{p}/pipelineruns", this::listRuns);
        r.add("POST", D + "/v1alpha3/namespaces/{d}/pipelines/{p}/pipelineruns", this::createRun);
        r.add("GET", D + "/v1alpha3/namespaces/{d}/pipelineruns/{run}", this::getRun);
        r.add("GET", D + "/v1alpha3/namespaces/{d}/pipelineruns/{run}/nodedetails", this::nodeDetails);
        // The Jenkins log proxy produces only "text/plain; charset=utf-8" (ks-devops v1alpha2/register.go).
        r.add("GET", D + "/v1alpha2/namespaces/{d}/pipelines/{p}/runs/{id}/log", SimRouter.Media.TEXT, this::runLog);
        r.add("GET", D + "/v1alpha2/namespaces/{d}/pipelines/{p}/branches/{b}/runs/{id}/log", SimRouter.Media.TEXT,
                this::runLog);
        r.add("GET", D + "/v1alpha3/namespaces/{d}/credentials", this::listCredentials);
    }

    // ---------- projects ----------

    private SimResponse listProjects(SimExchange ex) {
        String ws = ex.param("ws");
        authz.check(ex, Attrs.workspace("list", GROUP, "namespaces", null, ws));
        List<ObjectNode> items = new ArrayList<>();
        w.devopsProjects.forEach((name, p) -> {
            if (ws.equals(Json.label(p, SimWorld.LABEL_WORKSPACE))
                    && authz.allowed(ex.user, Attrs.namespace("get", GROUP, "devopsprojects", null, name, name))) {
                ObjectNode view = p.deepCopy();
                // DevOpsProject items come without kind/apiVersion from ks-devops.
                view.remove("kind");
                view.remove("apiVersion");
                items.add(view);
            }
        });
        if (items.isEmpty()) {
            // ks-devops marshals a nil slice here: the body is the JSON literal null.
            return SimResponse.raw(200, SimResponse.JSON, "null");
        }
        return SimResponse.ok(SimList.body(SimList.apply(items, ex.query), true));
    }

    private void requireProject(String d) {
        if (!w.devopsProjects.containsKey(d)) {
            throw SimError.notFound("devopsprojects.devops.kubesphere.io \"" + d + "\" not found");
        }
    }

    // ---------- pipelines ----------

    private SimResponse listPipelines(SimExchange ex) {
        String d = ex.param("d");
        authz.check(ex, Attrs.namespace("list", GROUP, "pipelines", null, null, d));
        requireProject(d);
        String type = ex.q("type");
        List<ObjectNode> items = new ArrayList<>();
        for (SimWorld.PipelineState ps : w.pipelines.get(d).values()) {
            if (type == null || type.isEmpty() || type.equals(Json.str(ps.obj, "spec", "type"))) {
                items.add(pipelineView(ps));
            }
        }
        return SimResponse.ok(SimList.body(SimList.apply(items, ex.query), true));
    }

    SimWorld.PipelineState requirePipeline(String d, String p) {
        requireProject(d);
        SimWorld.PipelineState ps = w.pipelines.get(d).get(p);
        if (ps == null) {
            throw SimError.notFound("pipelines.devops.kubesphere.io \"" + p + "\" not found");
        }
        return ps;
    }

    private SimResponse getPipeline(SimExchange ex) {
        String d = ex.param("d");
        String p = ex.param("p");
        authz.check(ex, Attrs.namespace("get", GROUP, "pipelines", null, p, d));
        return SimResponse.ok(pipelineView(requirePipeline(d, p)));
    }

    private SimResponse createPipeline(SimExchange ex) {
        String d = ex.param("d");
        authz.check(ex, Attrs.namespace("create", GROUP, "pipelines", null, null, d));
        requireProject(d);
        ObjectNode body = ex.readObject("v1alpha3.Pipeline");
        String name = Json.name(body);
        if (name == null || name.isEmpty()) {
            throw SimError.badRequest("Pipeline.devops.kubesphere.io \"\" is invalid: metadata.name: Required value: "
                    + "name or generateName is required");
        }
        if (!TenantApi.DNS1123_LABEL.matcher(name).matches() || name.length() > 63) {
            throw SimError.badRequest("Pipeline.devops.kubesphere.io \"" + name + "\" is invalid: metadata.name: "
                    + "Invalid value: \"" + name + "\": a lowercase RFC 1123 label must consist of lower case "
                    + "alphanumeric characters or '-', and must start and end with an alphanumeric character");
        }
        // ks-devops maps every non-NotFound error (AlreadyExists included) to 400.
        if (w.pipelines.get(d).containsKey(name)) {
            throw SimError.badRequest("pipelines.devops.kubesphere.io \"" + name + "\" already exists");
        }
        return SimResponse.ok(pipelineView(addPipeline(w, d, body, w.now())));
    }

    /** Stores a Pipeline as the pipeline controller leaves it once synced to Jenkins. */
    static SimWorld.PipelineState addPipeline(SimWorld w, String d, ObjectNode body, Instant now) {
        ObjectNode meta = Json.meta(body).deepCopy();
        ObjectNode obj = Json.o("metadata", meta);
        Json.annotations(obj).put(ANN_SYNC, "successful");
        meta.set("finalizers", Json.a("pipeline.finalizers.kubesphere.io"));
        JsonNode spec = body.get("spec");
        obj.set("spec", spec instanceof ObjectNode s ? s.deepCopy() : Json.o());
        obj.set("status", Json.o());
        SimWorld.PipelineState ps = new SimWorld.PipelineState(w.stamp(obj, "Pipeline", SimWorld.DEVOPS_V1ALPHA3,
                d, now));
        w.pipelines.get(d).put(Json.name(ps.obj), ps);
        return ps;
    }

    static final String ANN_JENKINS_BRANCHES = "pipeline.devops.kubesphere.io/jenkins-branches";

    /**
     * The Pipeline as the metadata controller keeps it: jenkins-metadata is ks-devops' pipeline.Metadata (no
     * latestRun; DO pkg/models/pipeline/pipeline.go), and a multi-branch pipeline's jenkins-branches items
     * (pipeline.Branch: name escaped like feat%2Fx, rawName, latestRun) carry each branch's last run.
     */
    ObjectNode pipelineView(SimWorld.PipelineState ps) {
        ObjectNode view = ps.obj.deepCopy();
        Instant now = w.now();
        String d = Json.str(ps.obj, "metadata", "namespace");
        String p = Json.name(ps.obj);
        ObjectNode meta = Json.o("weatherScore", 100, "estimatedDurationInMillis", DONE_AFTER_MS - RUNNING_AFTER_MS,
                "name", p);
        ArrayNode params = Json.a();
        for (JsonNode param : ps.obj.path("spec").path("pipeline").path("parameters")) {
            String name = param.path("name").asText("");
            params.add(Json.o("name", name, "type", "StringParameterDefinition", "description",
                    param.path("description").asText(""), "defaultParameterValue",
                    Json.o("name", name, "value", param.path("default_value").asText(""))));
        }
        if (!params.isEmpty()) {
            meta.set("parameters", params);
        }
        if (MULTI_BRANCH.equals(Json.str(ps.obj, "spec", "type"))) {
            JsonNode stored = Json.read(Json.str(ps.obj, "metadata", "annotations", ANN_JENKINS_BRANCHES));
            ArrayNode branches = Json.a();
            ArrayNode names = Json.a();
            for (JsonNode b : stored == null || !stored.isArray() ? Json.a() : stored) {
                ObjectNode branch = b.deepCopy() instanceof ObjectNode o ? o : Json.o();
                String name = branch.path("name").asText("");
                names.add(name);
                RunState latest = null;
                for (RunState r : runsOf(d, p)) {
                    if (name.equals(r.branch) && hasStarted(r, now)
                            && (latest == null || r.created.isAfter(latest.created))) {
                        latest = r;
                    }
                }
                branch.remove("latestRun");
                if (latest != null) {
                    branch.set("latestRun", latestRun(latest, now));
                }
                branches.add(branch);
            }
            if (stored != null) {
                Json.annotations(view).put(ANN_JENKINS_BRANCHES, Json.write(branches));
            }
            if (!names.isEmpty()) {
                meta.put("totalNumberOfBranches", names.size());
                meta.set("branchNames", names);
            }
            meta.put("scriptPath", ps.obj.path("spec").path("multi_branch_pipeline").path("script_path")
                    .asText("Jenkinsfile"));
        }
        Json.annotations(view).put(ANN_JENKINS_META, Json.write(meta));
        return view;
    }

    /** ks-devops' pipeline.LatestRun, as the metadata controller copies it from Jenkins. */
    private static ObjectNode latestRun(RunState r, Instant now) {
        ObjectNode jenkins = jenkinsRun(r, now);
        ObjectNode run = Json.o("causes", Json.a(Json.o("shortDescription", "Started by user " + r.creator)),
                "startTime", jenkins.get("startTime"), "id", jenkins.get("id"), "name", jenkins.get("id"),
                "pipeline", r.branch, "result", jenkins.get("result"), "state", jenkins.get("state"));
        if (isDone(r, now)) {
            run.set("endTime", jenkins.get("endTime"));
            run.set("durationInMillis", jenkins.get("durationInMillis"));
        }
        return run;
    }

    // ---------- runs ----------

    List<RunState> runsOf(String d, String p) {
        List<RunState> out = new ArrayList<>();
        for (RunState r : w.runs.getOrDefault(d, Map.of()).values()) {
            if (r.pipeline.equals(p)) {
                out.add(r);
            }
        }
        return out;
    }

    private SimResponse createRun(SimExchange ex) {
        String d = ex.param("d");
        String p = ex.param("p");
        authz.check(ex, Attrs.namespace("create", GROUP, "pipelines", "pipelineruns", p, d));
        SimWorld.PipelineState ps = requirePipeline(d, p);
        String branch = ex.q("branch");
        boolean multiBranch = MULTI_BRANCH.equals(Json.str(ps.obj, "spec", "type"));
        if (multiBranch && (branch == null || branch.isEmpty())) {
            throw SimError.badRequest("missing branch name for running a multi-branch Pipeline");
        }
        ObjectNode body = ex.readOptionalObject("v1alpha3.RunPayload");
        ArrayNode params = Json.a();
        for (JsonNode param : body.path("parameters")) {
            params.add(Json.o("name", param.path("name").asText(""), "value", param.path("value").asText("")));
        }
        RunState r = addRun(w, ps, multiBranch ? branch : null, ex.user, params, w.now());
        // The trigger answers 200 with the freshly created object: status is still empty.
        return SimResponse.ok(r.base);
    }

    static RunState addRun(SimWorld w, SimWorld.PipelineState ps, String branch, String creator, ArrayNode params,
            Instant now) {
        String d = Json.str(ps.obj, "metadata", "namespace");
        String p = Json.name(ps.obj);
        Map<String, RunState> existing = w.runs.get(d);
        String name;
        do {
            name = p + "-" + w.randomSuffix(5);
        } while (existing.containsKey(name));
        ObjectNode spec = Json.o("pipelineRef", Json.o("kind", "Pipeline", "namespace", d, "name", p),
                "pipelineSpec", ps.obj.get("spec").deepCopy());
        if (!params.isEmpty()) {
            spec.set("parameters", params);
        }
        if (branch != null) {
            spec.set("scm", Json.o("refName", branch, "refType", "branch"));
        }
        ObjectNode obj = Json.o("metadata", Json.o("name", name, "generateName", p + "-",
                "labels", Json.o("devops.kubesphere.io/pipeline", p),
                "annotations", Json.o("devops.kubesphere.io/creator", creator == null ? "" : creator),
                "ownerReferences", Json.a(Json.o("apiVersion", SimWorld.DEVOPS_V1ALPHA3, "kind", "Pipeline",
                        "name", p, "uid", Json.str(ps.obj, "metadata", "uid"), "controller", true,
                        "blockOwnerDeletion", true))),
                "spec", spec, "status", Json.o());
        RunState r = new RunState();
        r.base = w.stamp(obj, "PipelineRun", SimWorld.DEVOPS_V1ALPHA3, d, now);
        r.created = now;
        r.jenkinsId = ps.nextRunId++;
        r.namespace = d;
        r.pipeline = p;
        r.branch = branch;
        r.creator = creator == null ? "admin" : creator;
        r.stages = stagesOf(ps.obj);
        r.input = DevOpsRunsApi.inputOf(r.stages);
        existing.put(name, r);
        return r;
    }

    /**
     * How far the build got: wall-clock time since creation, except that it stands still at an unanswered (or
     * aborted) input step and from where it was stopped.
     */
    static long elapsedMs(RunState r, Instant now) {
        long raw = Math.max(0, Duration.between(r.created, now).toMillis());
        long ms = raw;
        if (r.input != null) {
            long at = inputAtMs(r);
            if (raw >= at) {
                ms = r.input.decidedAt == null || r.input.aborted ? at
                        : Math.min(raw, at + Math.max(0, Duration.between(r.input.decidedAt, now).toMillis()));
            }
        }
        return r.stoppedAtMs >= 0 ? Math.min(ms, r.stoppedAtMs) : ms;
    }

    /** The build pauses when it reaches the stage holding the input step. */
    static long inputAtMs(RunState r) {
        return RUNNING_AFTER_MS + r.input.stage * stageShare(r);
    }

    static long stageShare(RunState r) {
        return r.stages.isEmpty() ? 0 : (DONE_AFTER_MS - RUNNING_AFTER_MS) / r.stages.size();
    }

    static boolean hasStarted(RunState r, Instant now) {
        return elapsedMs(r, now) >= RUNNING_AFTER_MS;
    }

    /** Jenkins result ABORTED: stopped, or its input step answered with abort. */
    static boolean isAborted(RunState r) {
        return r.stoppedAtMs >= 0 || (r.input != null && r.input.aborted && r.input.decidedAt != null);
    }

    /** Waiting at its input step for an answer (BlueOcean state PAUSED). */
    static boolean isPaused(RunState r, Instant now) {
        return r.input != null && r.input.decidedAt == null && !isAborted(r)
                && Duration.between(r.created, now).toMillis() >= inputAtMs(r);
    }

    static boolean isDone(RunState r, Instant now) {
        return isAborted(r) || elapsedMs(r, now) >= DONE_AFTER_MS;
    }

    /** When the build finished on the wall clock: after the pause it waited at its input step, if any. */
    static Instant endTime(RunState r) {
        if (isAborted(r)) {
            return r.endedAt;
        }
        if (r.input != null && r.input.decidedAt != null) {
            return r.input.decidedAt.plusMillis(DONE_AFTER_MS - inputAtMs(r));
        }
        return r.created.plusMillis(DONE_AFTER_MS);
    }

    private SimResponse listRuns(SimExchange ex) {
        String d = ex.param("d");
        String p = ex.param("p");
        authz.check(ex, Attrs.namespace("get", GROUP, "pipelines", "pipelineruns", p, d));
        requirePipeline(d, p);
        String branch = ex.q("branch");
        boolean backward = !"false".equalsIgnoreCase(ex.q("backward"));
        Instant now = w.now();
        List<ObjectNode> items = new ArrayList<>();
        for (RunState r : runsOf(d, p)) {
            // A field selector on spec.scm.ref-name: runs without that field never match a branch filter.
            if (branch != null && !branch.isEmpty() && !branch.equals(r.branch)) {
                continue;
            }
            // backward=true (default) hides runs Jenkins has not picked up yet.
            if (backward && !hasStarted(r, now)) {
                continue;
            }
            items.add(runView(r, now));
        }
        return SimResponse.ok(SimList.body(SimList.apply(items, ex.query), false));
    }

    RunState requireRun(String d, String run) {
        requireProject(d);
        RunState r = w.runs.get(d).get(run);
        if (r == null) {
            throw SimError.notFound("pipelineruns.devops.kubesphere.io \"" + run + "\" not found");
        }
        return r;
    }

    private SimResponse getRun(SimExchange ex) {
        String d = ex.param("d");
        String run = ex.param("run");
        authz.check(ex, Attrs.namespace("get", GROUP, "pipelineruns", null, run, d));
        return SimResponse.ok(runView(requireRun(d, run), w.now()));
    }

    private SimResponse nodeDetails(SimExchange ex) {
        String d = ex.param("d");
        String run = ex.param("run");
        authz.check(ex, Attrs.namespace("get", GROUP, "pipelineruns", "nodedetails", run, d));
        RunState r = requireRun(d, run);
        Instant now = w.now();
        return SimResponse.ok(hasStarted(r, now) ? nodes(r, now, true) : Json.a());
    }

    private ObjectNode runView(RunState r, Instant now) {
        ObjectNode view = r.base.deepCopy();
        long ms = elapsedMs(r, now);
        Instant start = r.created.plusMillis(RUNNING_AFTER_MS);
        Instant end = endTime(r);
        ObjectNode status = Json.o();
        if (ms < RUNNING_AFTER_MS) {
            status.put("phase", "Pending");
            status.set("conditions", Json.a(condition("Ready", "Unknown", "Pending", r.created)));
            status.put("updateTime", Json.ts(r.created));
        } else {
            ObjectNode ann = Json.annotations(view);
            ann.put(ANN_RUN_ID, Integer.toString(r.jenkinsId));
            ann.put(ANN_RUN_STATUS, Json.write(jenkinsRun(r, now)));
            ann.put(ANN_STAGES_STATUS, Json.write(nodes(r, now, false)));
            status.put("startTime", Json.ts(start));
            if (isAborted(r)) {
                // ks-devops maps Jenkins result ABORTED to phase Failed (controllers/jenkins/pipelinerun/utils.go).
                status.put("phase", "Failed");
                status.put("completionTime", Json.ts(end));
                status.set("conditions", Json.a(condition("Succeeded", "False", "FINISHED", end)));
                status.put("updateTime", Json.ts(end));
            } else if (isPaused(r, now)) {
                // A build waiting for input is Jenkins state PAUSED, which ks-devops shows as phase Pending.
                status.put("phase", "Pending");
                status.set("conditions", Json.a(condition("Ready", "Unknown", "PAUSED", start)));
                status.put("updateTime", Json.ts(now));
            } else if (ms < DONE_AFTER_MS) {
                status.put("phase", "Running");
                status.set("conditions", Json.a(condition("Ready", "Unknown", "Running", start)));
                status.put("updateTime", Json.ts(now));
            } else {
                status.put("phase", "Succeeded");
                status.put("completionTime", Json.ts(end));
                status.set("conditions", Json.a(condition("Succeeded", "True", "Succeeded", end),
                        condition("Ready", "True", "Succeeded", end)));
                status.put("updateTime", Json.ts(end));
            }
        }
        view.set("status", status);
        return view;
    }

    private static ObjectNode condition(String type, String status, String reason, Instant t) {
        return Json.o("type", type, "status", status, "lastProbeTime", Json.ts(t), "lastTransitionTime", Json.ts(t),
                "reason", reason);
    }

    /** The BlueOcean run, as the Jenkins proxy answers for it. */
    static ObjectNode latestRunView(RunState r, Instant now) {
        return jenkinsRun(r, now);
    }

    /** BlueOcean-style run summary, as ks-devops copies it into the run status annotation. */
    private static ObjectNode jenkinsRun(RunState r, Instant now) {
        boolean done = isDone(r, now);
        boolean aborted = isAborted(r);
        Instant start = r.created.plusMillis(RUNNING_AFTER_MS);
        long duration = done ? Math.max(0, Duration.between(start, endTime(r)).toMillis())
                : Math.max(0, Duration.between(start, now).toMillis());
        ObjectNode run = Json.o("_class", "io.jenkins.blueocean.rest.impl.pipeline.PipelineRunImpl",
                "id", Integer.toString(r.jenkinsId), "organization", "jenkins",
                "pipeline", r.branch == null ? r.pipeline : r.branch,
                "state", done ? "FINISHED" : isPaused(r, now) ? "PAUSED" : "RUNNING",
                "result", aborted ? "ABORTED" : done ? "SUCCESS" : "UNKNOWN",
                "enQueueTime", JENKINS_TIME.format(r.created), "startTime", JENKINS_TIME.format(start),
                "endTime", done ? JENKINS_TIME.format(endTime(r)) : null,
                "durationInMillis", duration, "runSummary", aborted ? "aborted" : done ? "stable" : null,
                "type", "WorkflowRun",
                "causes", Json.a(Json.o("_class", "hudson.model.Cause$UserIdCause",
                        "shortDescription", "Started by user " + r.creator, "userId", r.creator,
                        "userName", r.creator)));
        return run;
    }

    // ---------- stages, nodes and logs ----------

    private static final Pattern STAGE = Pattern.compile("stage\\s*\\(\\s*['\"]([^'\"]+)['\"]\\s*\\)");
    private static final Pattern STEP =
            Pattern.compile("\\b(echo|sh|git|checkout|sleep|archiveArtifacts|junit|input)\\b\\s*\\(?\\s*(?:(['\"])(.*?)\\2)?");

    /** Stages come from the Jenkinsfile; multi-branch pipelines get a typical SCM/build/test flow. */
    static List<Stage> stagesOf(ObjectNode pipeline) {
        if (MULTI_BRANCH.equals(Json.str(pipeline, "spec", "type"))) {
            String script = Json.str(pipeline, "spec", "multi_branch_pipeline", "script_path");
            if (script != null && script.contains("online")) {
                // devops-maven-sample's Jenkinsfile-online: build, archive the jar, ask before deploying.
                return List.of(new Stage("Checkout SCM", List.of(new Step("Check out from version control",
                                "checkout", null))),
                        new Stage("unit test", List.of(new Step("Shell Script", "sh", "mvn clean test"))),
                        new Stage("build & push", List.of(new Step("Shell Script", "sh", "mvn -Dmaven.test.skip=true "
                                + "clean package"), new Step("Archive the artifacts", "archiveArtifacts",
                                "target/*.jar"))),
                        new Stage("deploy to dev", List.of(new Step("Wait for interactive input", "input",
                                "id: 'deploy-to-dev', message: 'deploy to dev?'"), new Step("Shell Script", "sh",
                                "kubectl apply -f deploy/dev-ol"))));
            }
            return List.of(new Stage("Checkout SCM", List.of(new Step("Check out from version control", "checkout",
                    null))), new Stage("Build", List.of(new Step("Shell Script", "sh", "mvn -B clean package"))),
                    new Stage("Test", List.of(new Step("Shell Script", "sh", "mvn -B test"))));
        }
        String jf = Json.str(pipeline, "spec", "pipeline", "jenkinsfile");
        List<Stage> stages = new ArrayList<>();
        if (jf == null) {
            return stages;
        }
        Matcher m = STAGE.matcher(jf);
        List<int[]> bounds = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
            bounds.add(new int[] {m.start(), m.end()});
        }
        for (int i = 0; i < names.size(); i++) {
            int from = bounds.get(i)[1];
            int to = i + 1 < names.size() ? bounds.get(i + 1)[0] : jf.length();
            String body = jf.substring(from, Math.max(from, to));
            List<Step> steps = new ArrayList<>();
            Matcher sm = STEP.matcher(body);
            while (sm.find()) {
                String kind = sm.group(1);
                // An input step keeps its whole argument list (id, message, submitter, parameters).
                String arg = kind.equals("input") ? DevOpsRunsApi.restOfStep(body, sm.start(1) + kind.length())
                        : sm.group(3);
                steps.add(new Step(stepName(kind), kind, arg));
            }
            if (steps.isEmpty()) {
                steps.add(new Step("Shell Script", "sh", "true"));
            }
            stages.add(new Stage(names.get(i), steps));
        }
        return stages;
    }

    private static String stepName(String kind) {
        return switch (kind) {
            case "echo" -> "Print Message";
            case "sh" -> "Shell Script";
            case "git", "checkout" -> "Check out from version control";
            case "sleep" -> "Sleep";
            case "archiveArtifacts" -> "Archive the artifacts";
            case "junit" -> "Archive JUnit-formatted test results";
            case "input" -> "Wait for interactive input";
            default -> kind;
        };
    }

    /**
     * Stage i runs during its equal share of the Running window. Ids follow Jenkins' flow-node numbering: each
     * stage, then its steps. A stage at an unanswered input is PAUSED; a stopped build ends the stage it was in
     * with result ABORTED and never starts the rest. ks-devops' v1alpha3 nodedetails marks every step approvable.
     */
    static ArrayNode nodes(RunState r, Instant now, boolean withSteps) {
        ArrayNode out = Json.a();
        int n = r.stages.size();
        long ms = elapsedMs(r, now);
        long share = stageShare(r);
        boolean aborted = isAborted(r);
        boolean paused = isPaused(r, now);
        int id = 3;
        for (int i = 0; i < n; i++) {
            Stage s = r.stages.get(i);
            long from = RUNNING_AFTER_MS + i * share;
            long to = i == n - 1 ? DONE_AFTER_MS : from + share;
            String state;
            String result;
            long duration;
            if (paused && i == r.input.stage) {
                state = "PAUSED";
                result = "UNKNOWN";
                duration = 0;
            } else if (ms >= to) {
                state = "FINISHED";
                result = "SUCCESS";
                duration = to - from;
            } else if (ms >= from && aborted) {
                state = "FINISHED";
                result = "ABORTED";
                duration = ms - from;
            } else if (ms >= from) {
                state = "RUNNING";
                result = "UNKNOWN";
                duration = ms - from;
            } else {
                state = aborted ? "NOT_BUILT" : null;
                result = aborted ? "NOT_BUILT" : null;
                duration = 0;
            }
            boolean started = ms >= from && !"NOT_BUILT".equals(state);
            ObjectNode node = Json.o("id", Integer.toString(id++), "displayName", s.name(), "result", result,
                    "state", state, "durationInMillis", duration,
                    "startTime", started ? JENKINS_TIME.format(r.created.plusMillis(from)) : null);
            ArrayNode steps = Json.a();
            for (int j = 0; j < s.steps().size(); j++) {
                Step st = s.steps().get(j);
                String stepState;
                String stepResult;
                boolean inputStep = r.input != null && r.input.stage == i && r.input.step == j;
                if (!started) {
                    stepState = null;
                    stepResult = null;
                } else if ("PAUSED".equals(state)) {
                    stepState = j < r.input.step ? "FINISHED" : j == r.input.step ? "PAUSED" : null;
                    stepResult = j < r.input.step ? "SUCCESS" : j == r.input.step ? "UNKNOWN" : null;
                } else if ("RUNNING".equals(state)) {
                    boolean last = j == s.steps().size() - 1;
                    stepState = last ? "RUNNING" : "FINISHED";
                    stepResult = last ? "UNKNOWN" : "SUCCESS";
                } else {
                    stepState = state;
                    stepResult = "ABORTED".equals(result) && j == s.steps().size() - 1 ? "ABORTED" : "SUCCESS";
                    if ("ABORTED".equals(result) && inputStep) {
                        stepResult = "ABORTED";
                    }
                }
                ObjectNode step = Json.o("id", Integer.toString(id++), "displayName", st.displayName(),
                        "result", stepResult, "state", stepState, "approvable", true);
                if (inputStep && "PAUSED".equals(stepState)) {
                    step.set("input", DevOpsRunsApi.inputView(r));
                }
                if (stepState != null) {
                    steps.add(step);
                }
            }
            if (withSteps) {
                node.set("steps", steps);
            }
            out.add(node);
        }
        return out;
    }

    private SimResponse runLog(SimExchange ex) {
        String d = ex.param("d");
        String p = ex.param("p");
        authz.check(ex, Attrs.namespace("get", GROUP, "pipelines", "runs", p, d));
        requirePipeline(d, p);
        String id = ex.param("id");
        String branch = ex.param("b");
        Instant now = w.now();
        RunState run = null;
        for (RunState r : runsOf(d, p)) {
            if (Integer.toString(r.jenkinsId).equals(id) && hasStarted(r, now)
                    && (branch == null || r.branch == null || branch.equals(r.branch))) {
                run = r;
            }
        }
        if (run == null) {
            // The Jenkins proxy relays Jenkins' own 404 for a build it does not know.
            throw SimError.notFound("Not Found");
        }
        String log = logText(run, now);
        int start = Math.max(0, Math.min(log.length(), SimList.intParam(ex.q("start"), 0)));
        SimResponse resp = SimResponse.raw(200, SimResponse.TEXT, log.substring(start))
                .header("X-Text-Size", Integer.toString(log.length()));
        if (!isDone(run, now)) {
            resp.header("X-More-Data", "true");
        }
        return resp;
    }

    private String logText(RunState r, Instant now) {
        String agent = "default-" + Json.name(r.base).substring(Json.name(r.base).length() - 5);
        String job = r.branch == null ? r.pipeline : r.pipeline + "_" + r.branch;
        StringBuilder sb = new StringBuilder();
        sb.append("Started by user ").append(r.creator).append('\n');
        if (r.branch != null) {
            sb.append("Obtained Jenkinsfile from git ").append(gitUrl(r)).append('\n');
        }
        sb.append("[Pipeline] Start of Pipeline\n");
        sb.append("[Pipeline] node\n");
        sb.append("Still waiting to schedule task\n");
        sb.append("'").append(agent).append("' is offline\n");
        sb.append("Agent ").append(agent).append(" is provisioned from template default\n");
        sb.append("---\napiVersion: \"v1\"\nkind: \"Pod\"\nmetadata:\n  labels:\n    jenkins/label: \"default\"\n");
        sb.append("  name: \"").append(agent).append("\"\n  namespace: \"kubesphere-devops-worker\"\n");
        sb.append("spec:\n  containers:\n  - image: \"kubesphere/inbound-agent:4.10-2\"\n    name: \"jnlp\"\n\n");
        sb.append("Running on ").append(agent).append(" in /home/jenkins/agent/workspace/").append(r.namespace)
                .append('/').append(job).append('\n');
        sb.append("[Pipeline] {\n");
        long ms = elapsedMs(r, now);
        int n = r.stages.size();
        long share = stageShare(r);
        boolean aborted = isAborted(r);
        for (int i = 0; i < n; i++) {
            long from = RUNNING_AFTER_MS + i * share;
            if (ms < from) {
                break;
            }
            Stage s = r.stages.get(i);
            sb.append("[Pipeline] stage\n[Pipeline] { (").append(s.name()).append(")\n");
            for (int j = 0; j < s.steps().size(); j++) {
                Step st = s.steps().get(j);
                if (r.input != null && r.input.stage == i && r.input.step == j) {
                    sb.append("[Pipeline] input\n").append(r.input.message).append('\n').append("Proceed or Abort\n");
                    if (r.input.decidedAt == null) {
                        return aborted ? sb.append(stopped(r)).toString() : sb.toString();
                    }
                    if (r.input.aborted) {
                        return sb.append("Rejected by ").append(r.input.decidedBy)
                                .append("\n[Pipeline] }\n[Pipeline] // stage\n[Pipeline] End of Pipeline\n")
                                .append("Finished: ABORTED\n").toString();
                    }
                    sb.append("Approved by ").append(r.input.decidedBy).append('\n');
                    continue;
                }
                appendStep(sb, st, r);
            }
            long to = i == n - 1 ? DONE_AFTER_MS : from + share;
            if (ms < to) {
                return aborted ? sb.append(stopped(r)).toString() : sb.toString();
            }
            sb.append("[Pipeline] }\n[Pipeline] // stage\n");
        }
        if (ms < DONE_AFTER_MS) {
            return sb.toString();
        }
        sb.append("[Pipeline] }\n[Pipeline] // node\n[Pipeline] End of Pipeline\nFinished: SUCCESS\n");
        return sb.toString();
    }

    private static String stopped(RunState r) {
        return "Aborted by " + r.stoppedBy + "\n[Pipeline] }\n[Pipeline] // stage\n[Pipeline] End of Pipeline\n"
                + "Finished: ABORTED\n";
    }

    void appendStep(StringBuilder sb, Step st, RunState r) {
        switch (st.kind()) {
            case "echo" -> sb.append("[Pipeline] echo\n").append(st.arg() == null ? "" : st.arg()).append('\n');
            case "sh" -> {
                String cmd = st.arg() == null ? "true" : st.arg();
                sb.append("[Pipeline] sh\n+ ").append(cmd).append('\n');
                if (cmd.startsWith("mvn") || cmd.startsWith("make")) {
                    sb.append("[INFO] Scanning for projects...\n[INFO] BUILD SUCCESS\n");
                    sb.append("[INFO] Total time:  1.842 s\n");
                }
            }
            case "git", "checkout" -> {
                sb.append("[Pipeline] ").append(st.kind()).append('\n');
                sb.append("The recommended git tool is: NONE\n");
                sb.append("Cloning repository ").append(gitUrl(r)).append('\n');
                sb.append("Checking out Revision 3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39 (refs/remotes/origin/")
                        .append(r.branch == null ? "master" : r.branch).append(")\n");
                sb.append("Commit message: \"Update Jenkinsfile\"\n");
            }
            default -> sb.append("[Pipeline] ").append(st.kind()).append('\n');
        }
    }

    private String gitUrl(RunState r) {
        SimWorld.PipelineState ps = w.pipelines.getOrDefault(r.namespace, Map.of()).get(r.pipeline);
        String url = ps == null ? null : Json.str(ps.obj, "spec", "multi_branch_pipeline", "git_source", "url");
        return url == null ? "https://github.com/kubesphere/devops-maven-sample.git" : url;
    }

    // ---------- credentials ----------

    private SimResponse listCredentials(SimExchange ex) {
        String d = ex.param("d");
        authz.check(ex, Attrs.namespace("list", GROUP, "credentials", null, null, d));
        requireProject(d);
        List<ObjectNode> items = new ArrayList<>();
        for (ObjectNode s : w.secrets.get(d).values()) {
            String type = Json.str(s, "type");
            if (type != null && type.startsWith("credential.devops.kubesphere.io/")) {
                items.add(masked(s));
            }
        }
        return SimResponse.ok(SimList.body(SimList.apply(items, ex.query), true));
    }

    static ObjectNode masked(ObjectNode secret) {
        ObjectNode view = secret.deepCopy();
        JsonNode data = view.get("data");
        if (data instanceof ObjectNode dataObj) {
            for (String key : MASKED) {
                if (dataObj.has(key)) {
                    dataObj.put(key, "");
                }
            }
        }
        return view;
    }
}
