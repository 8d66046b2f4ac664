package io.kubesphere.mcp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.sandbox.SimAuthorizer.Attrs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a pipeline builds from (ks-devops): a multi-branch pipeline's branches (v1alpha3 pipeline/handler.go
 * getBranches, served from the jenkins-branches annotation), Jenkins' branch indexing (v1alpha2 scan and
 * consolelog) and a plain pipeline's Jenkinsfile (v1alpha3 UpdateJenkinsfile).
 */
final class DevOpsSourceApi {
    private static final String D = "/kapis/devops.kubesphere.io";
    /** Every simulated repository has these branches (git names). */
    static final List<String> REPOSITORY_BRANCHES = List.of("main", "dev", "feat/login");

    private final SimWorld w;
    private final SimAuthorizer authz;
    private final DevOpsApi devops;

    DevOpsSourceApi(SimWorld w, SimAuthorizer authz, DevOpsApi devops) {
        this.w = w;
        this.authz = authz;
        this.devops = devops;
    }

    void register(SimRouter r) {
        r.add("GET", D + "/v1alpha3/namespaces/{d}/pipelines/{p}/branches", this::branches);
        // ScanBranch produces "text/html; charset=utf-8"; GetConsoleLog "text/plain; charset=utf-8".
        r.add("POST", D + "/v1alpha2/namespaces/{d}/pipelines/{p}/scan",
                new SimRouter.Media(List.of("text/html; charset=utf-8"), List.of()), this::scan);
        r.add("GET", D + "/v1alpha2/namespaces/{d}/pipelines/{p}/consolelog", SimRouter.Media.TEXT,
                this::consoleLog);
        r.add("PUT", D + "/v1alpha3/namespaces/{d}/pipelines/{p}/jenkinsfile", this::jenkinsfile);
    }

    private SimResponse branches(SimExchange ex) {
        String d = ex.param("d");
        String p = ex.param("p");
        authz.check(ex, Attrs.namespace("get", DevOpsApi.GROUP, "pipelines", "branches", p, d));
        SimWorld.PipelineState ps = devops.requirePipeline(d, p);
        if (!DevOpsApi.MULTI_BRANCH.equals(Json.str(ps.obj, "spec", "type"))) {
            throw SimError.badRequest("invalid multi-branch Pipeline provided");
        }
        ObjectNode view = devops.pipelineView(ps);
        JsonNode stored = Json.read(Json.str(view, "metadata", "annotations", DevOpsApi.ANN_JENKINS_BRANCHES));
        List<ObjectNode> items = new ArrayList<>();
        if (stored != null && stored.isArray()) {
            stored.forEach(b -> items.add((ObjectNode) b));
        }
        return SimResponse.ok(SimList.body(SimList.apply(items, ex.query), true));
    }

    private SimResponse scan(SimExchange ex) {
        String d = ex.param("d");
        String p = ex.param("p");
        authz.check(ex, Attrs.namespace("create", DevOpsApi.GROUP, "pipelines", "scan", p, d));
        SimWorld.PipelineState ps = devops.requirePipeline(d, p);
        Instant now = w.now();
        StringBuilder log = new StringBuilder("Started by user ").append(ex.userName()).append('\n')
                .append("[").append(Json.ts(now)).append("] Starting branch indexing...\n");
        if (DevOpsApi.MULTI_BRANCH.equals(Json.str(ps.obj, "spec", "type"))) {
            String url = Json.str(ps.obj, "spec", "multi_branch_pipeline", "git_source", "url");
            String script = Json.str(ps.obj, "spec", "multi_branch_pipeline", "script_path");
            log.append(" > git ls-remote -h -- ").append(url).append(" # timeout=10\n");
            ArrayNode branches = Json.a();
            for (String b : REPOSITORY_BRANCHES) {
                log.append("Checking branch ").append(b).append("\n      ‘").append(script == null ? "Jenkinsfile"
                        : script).append("’ found\n    Met criteria\n");
                branches.add(Json.o("name", b.replace("/", "%2F"), "rawName", b, "weatherScore", 100));
            }
            log.append("Processed ").append(REPOSITORY_BRANCHES.size()).append(" branches\n");
            Json.annotations(ps.obj).put(DevOpsApi.ANN_JENKINS_BRANCHES, Json.write(branches));
        }
        log.append("[").append(Json.ts(now)).append("] Finished branch indexing. Indexing took 1.2 sec\n")
                .append("Finished: SUCCESS\n");
        ps.scanLog = log.toString();
        // Jenkins answers the build trigger with an empty page.
        return SimResponse.raw(200, "text/html; charset=utf-8", "");
    }

    private SimResponse consoleLog(SimExchange ex) {
        String d = ex.param("d");
        String p = ex.param("p");
        authz.check(ex, Attrs.namespace("get", DevOpsApi.GROUP, "pipelines", "consolelog", p, d));
        SimWorld.PipelineState ps = devops.requirePipeline(d, p);
        if (ps.scanLog == null) {
            throw SimError.notFound("Not Found");
        }
        return SimResponse.raw(200, SimResponse.TEXT, ps.scanLog);
    }

    private SimResponse jenkinsfile(SimExchange ex) {
        String d = ex.param("d");
        String p = ex.param("p");
        authz.check(ex, Attrs.namespace("update", DevOpsApi.GROUP, "pipelines", "jenkinsfile", p, d));
        SimWorld.PipelineState ps = devops.requirePipeline(d, p);
        String mode = ex.q("mode");
        JsonNode payload = ex.readObject("v1alpha3.GenericPayload");
        String data = payload.path("data").asText("");
        ObjectNode ann = Json.annotations(ps.obj);
        if ("raw".equals(mode)) {
            ann.put("pipeline.devops.kubesphere.io/jenkinsfile.edit.mode", "raw");
            // Only a plain pipeline has spec.pipeline; for multi-branch the update changes nothing.
            if (ps.obj.path("spec").get("pipeline") instanceof ObjectNode plain) {
                plain.put("jenkinsfile", data);
            }
        } else if ("json".equals(mode)) {
            ann.put("pipeline.devops.kubesphere.io/jenkinsfile.edit.mode", "json");
            ann.put("pipeline.devops.kubesphere.io/jenkinsfile", data);
        } else {
            throw SimError.badRequest("invalid edit mode: " + (mode == null ? "" : mode));
        }
        w.bumpResourceVersion(ps.obj);
        return SimResponse.ok(Json.o("result", "success"));
    }
}
