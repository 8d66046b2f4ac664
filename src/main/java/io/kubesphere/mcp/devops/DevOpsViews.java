package io.kubesphere.mcp.devops;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubesphere.mcp.config.Jackson;
import io.kubesphere.mcp.kubesphere.Kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Compact projections of ks-devops objects, and the annotation keys they are read from. */
final class DevOpsViews {

    static final String ANN_CREATOR = "kubesphere.io/creator";
    static final String ANN_DESCRIPTION = "kubesphere.io/description";
    static final String ANN_ALIAS = "kubesphere.io/alias-name";
    static final String LABEL_WORKSPACE = "kubesphere.io/workspace";
    static final String ANN_PROJECT_SYNC = "devopsproject.devops.kubesphere.io/syncstatus";
    static final String ANN_PIPELINE_SYNC = "pipeline.devops.kubesphere.io/syncstatus";
    static final String ANN_JENKINS_METADATA = "pipeline.devops.kubesphere.io/jenkins-metadata";
    /** JSON list of the branches Jenkins discovered; ks-devops' own /branches API reads the same annotation. */
    static final String ANN_JENKINS_BRANCHES = "pipeline.devops.kubesphere.io/jenkins-branches";
    static final String ANN_RUN_ID = "devops.kubesphere.io/jenkins-pipelinerun-id";
    static final String ANN_RUN_CREATOR = "devops.kubesphere.io/creator";
    static final String LABEL_RUN_PIPELINE = "devops.kubesphere.io/pipeline";
    static final String CREDENTIAL_TYPE_PREFIX = "credential.devops.kubesphere.io/";
    static final String MULTI_BRANCH = "multi-branch-pipeline";
    static final Set<String> FINAL_PHASES = Set.of("Succeeded", "Failed", "Cancelled");

    private static final ObjectMapper JSON = Jackson.plain();

    private DevOpsViews() {
    }

    public record DevOpsProject(String name, String namespace, String workspace, String alias, String description,
            String creator, String created, @JsonProperty("sync_status") String syncStatus) {

        static DevOpsProject from(JsonNode p) {
            String name = Kube.name(p);
            String adminNamespace = Kube.text(p.path("status").path("adminNamespace"));
            return new DevOpsProject(name, adminNamespace == null ? name : adminNamespace,
                    Kube.label(p, LABEL_WORKSPACE), Kube.annotation(p, ANN_ALIAS), Kube.annotation(p, ANN_DESCRIPTION),
                    Kube.annotation(p, ANN_CREATOR), Kube.created(p), Kube.annotation(p, ANN_PROJECT_SYNC));
        }

        String line() {
            return name + (namespace.equals(name) ? "" : " (namespace " + namespace + ")")
                    + (alias == null ? "" : " \"" + alias + "\"");
        }
    }

    /**
     * A pipeline's or a branch's last run: from the newest PipelineRun (run name, phase) or, for a branch, from the
     * Jenkins summary ks-devops keeps in jenkins-branches (Jenkins id, result or state).
     */
    public record LatestRun(String run, @JsonProperty("jenkins_id") String jenkinsId, String status,
            @JsonProperty("start_time") String startTime) {

        static LatestRun fromPipelineRun(JsonNode r) {
            return new LatestRun(Kube.name(r), Kube.annotation(r, ANN_RUN_ID), phase(r),
                    Kube.text(r.path("status").path("startTime")));
        }

        static LatestRun fromJenkins(JsonNode run) {
            if (run == null || !run.isObject()) {
                return null;
            }
            String result = Kube.text(run.path("result"));
            return new LatestRun(null, Kube.text(run.path("id")),
                    result == null || "UNKNOWN".equals(result) ? Kube.text(run.path("state")) : result,
                    Kube.text(run.path("startTime")));
        }

        String line() {
            return (run == null ? "#" + jenkinsId : run + (jenkinsId == null ? "" : " (#" + jenkinsId + ")")) + " "
                    + status + (startTime == null ? "" : ", started " + startTime);
        }
    }

    /** A branch Jenkins found in a multi-branch pipeline's repository, by its git name, with its own last run. */
    public record Branch(String name, @JsonProperty("latest_run") LatestRun latestRun) {

        String line() {
            return name + (latestRun == null ? "" : " (last run " + latestRun.line() + ")");
        }
    }

    public record Parameter(String name, @JsonProperty("default_value") String defaultValue, String type,
            String description) {
    }

    /**
     * A pipeline as list_pipelines shows it: identity and type. No last run: the Pipeline object does not carry it
     * (ks-devops' jenkins-metadata has no latestRun), and a request per listed pipeline would be too costly.
     */
    public record PipelineSummary(String name, String type, String description, String creator, String created,
            @JsonProperty("sync_status") String syncStatus) {

        static PipelineSummary from(JsonNode p) {
            return new PipelineSummary(Kube.name(p), DevOpsViews.type(p), DevOpsViews.description(p),
                    Kube.annotation(p, ANN_CREATOR), Kube.created(p), Kube.annotation(p, ANN_PIPELINE_SYNC));
        }

        String line() {
            return name + " (" + type + ")";
        }
    }

    /** One pipeline with its definition; branches only for multi-branch pipelines, when Jenkins has reported them. */
    public record Pipeline(String name, @JsonProperty("devops_project") String devopsProject, String type,
            String description, String creator, String created, @JsonProperty("sync_status") String syncStatus,
            @JsonProperty("latest_run") LatestRun latestRun, String jenkinsfile, List<Parameter> parameters,
            @JsonProperty("disable_concurrent") Boolean disableConcurrent, @JsonProperty("timer_cron") String timerCron,
            @JsonProperty("source_type") String sourceType, @JsonProperty("git_url") String gitUrl,
            @JsonProperty("credential_id") String credentialId, @JsonProperty("script_path") String scriptPath,
            @JsonProperty("discover_branches") Boolean discoverBranches,
            @JsonProperty("discover_tags") Boolean discoverTags, List<Branch> branches,
            @JsonProperty("not_verified") String notVerified) {

        /** The pipeline with its last run (plain pipelines: from its newest PipelineRun, found by the caller). */
        Pipeline withLatestRun(LatestRun run) {
            return new Pipeline(name, devopsProject, type, description, creator, created, syncStatus, run, jenkinsfile,
                    parameters, disableConcurrent, timerCron, sourceType, gitUrl, credentialId, scriptPath,
                    discoverBranches, discoverTags, branches, notVerified);
        }

        /** Why a reference in the request could not be checked before the write, or null. */
        Pipeline withNotVerified(String note) {
            return new Pipeline(name, devopsProject, type, description, creator, created, syncStatus, latestRun,
                    jenkinsfile, parameters, disableConcurrent, timerCron, sourceType, gitUrl, credentialId, scriptPath,
                    discoverBranches, discoverTags, branches, note);
        }

        static Pipeline from(JsonNode p) {
            JsonNode spec = p.path("spec");
            JsonNode plain = spec.path("pipeline");
            JsonNode mb = spec.path("multi_branch_pipeline");
            JsonNode git = mb.path("git_source");
            boolean multi = MULTI_BRANCH.equals(DevOpsViews.type(p));
            List<Parameter> params = new ArrayList<>();
            plain.path("parameters").forEach(x -> params.add(new Parameter(Kube.text(x.path("name")),
                    Kube.text(x.path("default_value")), Kube.text(x.path("type")), Kube.text(x.path("description")))));
            return new Pipeline(Kube.name(p), Kube.text(p.path("metadata").path("namespace")), DevOpsViews.type(p),
                    DevOpsViews.description(p), Kube.annotation(p, ANN_CREATOR), Kube.created(p),
                    Kube.annotation(p, ANN_PIPELINE_SYNC), null, Kube.text(plain.path("jenkinsfile")),
                    params.isEmpty() ? null : params,
                    plain.has("disable_concurrent") ? plain.get("disable_concurrent").asBoolean() : null,
                    Kube.text(plain.path("timer_trigger").path("cron")),
                    multi ? Kube.text(mb.path("source_type")) : null, Kube.text(git.path("url")),
                    Kube.text(git.path("credential_id")), multi ? Kube.text(mb.path("script_path")) : null,
                    multi ? git.path("discover_branches").asBoolean(false) : null,
                    multi ? git.path("discover_tags").asBoolean(false) : null, multi ? DevOpsViews.branches(p) : null,
                    null);
        }

        String text() {
            return "Pipeline " + details();
        }

        /** Everything after the kind, so that a sentence can lead with its own verb ("Created pipeline ..."). */
        String details() {
            StringBuilder sb = new StringBuilder(name + " (type " + type + ") in DevOps project " + devopsProject);
            if (description != null) {
                sb.append(": ").append(description);
            }
            if (latestRun != null) {
                sb.append("; last run ").append(latestRun.line());
            } else if (!MULTI_BRANCH.equals(type)) {
                sb.append("; not run yet");
            }
            if (gitUrl != null) {
                sb.append("; repository ").append(gitUrl).append(", script ").append(scriptPath);
            }
            if (branches != null) {
                sb.append(branches.isEmpty() ? "; no branches reported by Jenkins yet"
                        : "; branches: " + branches.stream().map(Branch::line).collect(Collectors.joining(", ")));
            }
            if (parameters != null && !parameters.isEmpty()) {
                sb.append("; parameters: ").append(String.join(", ", parameters.stream().map(Parameter::name).toList()));
            }
            if (notVerified != null) {
                sb.append(". ").append(notVerified);
            }
            return sb.toString();
        }
    }

    static String type(JsonNode p) {
        String type = Kube.text(p.path("spec").path("type"));
        return type == null ? "pipeline" : type;
    }

    private static String description(JsonNode p) {
        JsonNode spec = p.path("spec");
        String d = Kube.text(spec.path("pipeline").path("description"));
        if (d == null) {
            d = Kube.text(spec.path("multi_branch_pipeline").path("description"));
        }
        return d == null ? Kube.annotation(p, ANN_DESCRIPTION) : d;
    }

    /**
     * The branches Jenkins reported for a multi-branch pipeline (ks-devops' pipeline.Branch: {@code name} escaped
     * like feat%2Fx, {@code rawName} feat/x, {@code latestRun}), shown by their git name; empty when none (yet).
     */
    static List<Branch> branches(JsonNode p) {
        List<Branch> out = new ArrayList<>();
        for (JsonNode b : reportedBranches(p)) {
            String raw = Kube.text(b.path("rawName"));
            String name = raw != null ? raw : Kube.text(b.path("name"));
            if (name != null) {
                out.add(new Branch(raw != null ? raw : name.replace("%2F", "/"),
                        LatestRun.fromJenkins(b.get("latestRun"))));
            }
        }
        return out;
    }

    /** The raw jenkins-branches items. */
    static List<JsonNode> reportedBranches(JsonNode p) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode list = parse(Kube.annotation(p, ANN_JENKINS_BRANCHES));
        if (list != null && list.isArray()) {
            list.forEach(out::add);
        }
        return out;
    }

    /** Parameter names the pipeline declares: in its spec, and as Jenkins reported them (jenkins-metadata). */
    static Set<String> declaredParameters(JsonNode p) {
        Set<String> names = new java.util.TreeSet<>();
        p.path("spec").path("pipeline").path("parameters").forEach(x -> addText(names, x.path("name")));
        JsonNode meta = parse(Kube.annotation(p, ANN_JENKINS_METADATA));
        if (meta != null) {
            meta.path("parameters").forEach(x -> addText(names, x.path("name")));
        }
        return names;
    }

    private static void addText(Set<String> names, JsonNode node) {
        String text = Kube.text(node);
        if (text != null) {
            names.add(text);
        }
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            return null; // a malformed controller annotation only loses the optional detail it carries
        }
    }

    public record Run(String name, String pipeline, String branch, String phase,
            @JsonProperty("start_time") String startTime, @JsonProperty("completion_time") String completionTime,
            @JsonProperty("jenkins_id") String jenkinsId, String creator,
            @JsonProperty("not_verified") String notVerified) {

        Run withNotVerified(String note) {
            return new Run(name, pipeline, branch, phase, startTime, completionTime, jenkinsId, creator, note);
        }

        static Run from(JsonNode r) {
            String pipeline = Kube.label(r, LABEL_RUN_PIPELINE);
            if (pipeline == null) {
                pipeline = Kube.text(r.path("spec").path("pipelineRef").path("name"));
            }
            // refName is the Jenkins branch name (feat%2Fx); people see the git name.
            String ref = Kube.text(r.path("spec").path("scm").path("refName"));
            return new Run(Kube.name(r), pipeline, ref == null ? null : ref.replace("%2F", "/"), DevOpsViews.phase(r),
                    Kube.text(r.path("status").path("startTime")), Kube.text(r.path("status").path("completionTime")),
                    Kube.annotation(r, ANN_RUN_ID), Kube.annotation(r, ANN_RUN_CREATOR), null);
        }

        String line() {
            return name + (jenkinsId == null ? "" : " #" + jenkinsId) + " " + phase
                    + (branch == null ? "" : " [" + branch + "]");
        }
    }

    /** A run without status has not been picked up by the controller yet: that is what Pending means. */
    static String phase(JsonNode run) {
        String phase = Kube.text(run.path("status").path("phase"));
        return phase == null ? "Pending" : phase;
    }

    public record Stage(String name, String result, String state, @JsonProperty("duration_ms") Long durationMs) {

        static Stage from(JsonNode n) {
            JsonNode d = n.get("durationInMillis");
            return new Stage(Kube.text(n.path("displayName")), Kube.text(n.path("result")), Kube.text(n.path("state")),
                    d == null || d.isNull() ? null : d.asLong());
        }

        String line() {
            return name + " " + (result != null && !"UNKNOWN".equals(result) ? result : state == null ? "NOT_STARTED"
                    : state) + (durationMs == null ? "" : " " + durationMs + "ms");
        }
    }

    public record Credential(String name, String type, String description) {

        /** Built from name, type and description only, so no secret field can ever be copied out. */
        static Credential from(JsonNode s) {
            String type = Kube.text(s.path("type"));
            if (type != null && type.startsWith(CREDENTIAL_TYPE_PREFIX)) {
                type = type.substring(CREDENTIAL_TYPE_PREFIX.length());
            }
            return new Credential(Kube.name(s), type, Kube.annotation(s, ANN_DESCRIPTION));
        }
    }
}
