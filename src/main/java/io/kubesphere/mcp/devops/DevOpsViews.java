package io.kubesphere.mcp.devops;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubesphere.mcp.kubesphere.Kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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

    private static final ObjectMapper JSON = new ObjectMapper();

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

    public record LatestRun(String id, String state, String result, @JsonProperty("start_time") String startTime) {
    }

    public record Parameter(String name, @JsonProperty("default_value") String defaultValue, String type,
            String description) {
    }

    /** A pipeline as list_pipelines shows it: identity, type, health of the last run. */
    public record PipelineSummary(String name, String type, String description, String creator, String created,
            @JsonProperty("sync_status") String syncStatus, @JsonProperty("latest_run") LatestRun latestRun) {

        static PipelineSummary from(JsonNode p) {
            return new PipelineSummary(Kube.name(p), DevOpsViews.type(p), DevOpsViews.description(p), Kube.annotation(p, ANN_CREATOR),
                    Kube.created(p), Kube.annotation(p, ANN_PIPELINE_SYNC), DevOpsViews.latestRun(p));
        }

        String line() {
            return name + " (" + type + ")" + (latestRun == null ? ""
                    : ", last run #" + latestRun.id() + " " + (latestRun.result() == null ? latestRun.state()
                            : latestRun.result()));
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
            @JsonProperty("discover_tags") Boolean discoverTags, List<String> branches) {

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
                    Kube.annotation(p, ANN_PIPELINE_SYNC), DevOpsViews.latestRun(p), Kube.text(plain.path("jenkinsfile")),
                    params.isEmpty() ? null : params,
                    plain.has("disable_concurrent") ? plain.get("disable_concurrent").asBoolean() : null,
                    Kube.text(plain.path("timer_trigger").path("cron")),
                    multi ? Kube.text(mb.path("source_type")) : null, Kube.text(git.path("url")),
                    Kube.text(git.path("credential_id")), multi ? Kube.text(mb.path("script_path")) : null,
                    multi ? git.path("discover_branches").asBoolean(false) : null,
                    multi ? git.path("discover_tags").asBoolean(false) : null, multi ? DevOpsViews.branches(p) : null);
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
                sb.append("; last run #").append(latestRun.id()).append(' ')
                        .append(latestRun.result() == null ? latestRun.state() : latestRun.result());
            }
            if (gitUrl != null) {
                sb.append("; repository ").append(gitUrl).append(", script ").append(scriptPath);
            }
            if (branches != null) {
                sb.append(branches.isEmpty() ? "; no branches reported by Jenkins yet"
                        : "; branches: " + String.join(", ", branches));
            }
            if (parameters != null && !parameters.isEmpty()) {
                sb.append("; parameters: ").append(String.join(", ", parameters.stream().map(Parameter::name).toList()));
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

    private static LatestRun latestRun(JsonNode p) {
        JsonNode meta = parse(Kube.annotation(p, ANN_JENKINS_METADATA));
        JsonNode run = meta == null ? null : meta.get("latestRun");
        if (run == null || !run.isObject()) {
            return null;
        }
        return new LatestRun(Kube.text(run.path("id")), Kube.text(run.path("state")), Kube.text(run.path("result")),
                Kube.text(run.path("startTime")));
    }

    /** Branch names Jenkins reported for a multi-branch pipeline; empty when it has reported none (yet). */
    static List<String> branches(JsonNode p) {
        List<String> names = new ArrayList<>();
        JsonNode list = parse(Kube.annotation(p, ANN_JENKINS_BRANCHES));
        if (list != null && list.isArray()) {
            list.forEach(b -> {
                String name = Kube.text(b.path("name"));
                if (name != null) {
                    names.add(name);
                }
            });
        }
        return names;
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
            @JsonProperty("jenkins_id") String jenkinsId, String creator) {

        static Run from(JsonNode r) {
            String pipeline = Kube.label(r, LABEL_RUN_PIPELINE);
            if (pipeline == null) {
                pipeline = Kube.text(r.path("spec").path("pipelineRef").path("name"));
            }
            return new Run(Kube.name(r), pipeline, Kube.text(r.path("spec").path("scm").path("refName")), DevOpsViews.phase(r),
                    Kube.text(r.path("status").path("startTime")), Kube.text(r.path("status").path("completionTime")),
                    Kube.annotation(r, ANN_RUN_ID), Kube.annotation(r, ANN_RUN_CREATOR));
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
