package io.kubesphere.mcp.devops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubesphere.mcp.sandbox.RecordedRequest;
import io.kubesphere.mcp.support.McpTestClient;
import io.kubesphere.mcp.support.SandboxTest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.kubesphere.mcp.devops.DevOpsSetupToolsTest.args;
import static io.kubesphere.mcp.devops.DevOpsSetupToolsTest.unique;
import static io.kubesphere.mcp.support.McpTestClient.structured;
import static io.kubesphere.mcp.support.McpTestClient.text;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stop, re-run, input steps, step logs and artifacts of a plain pipeline, as admin on the simulator. */
@QuarkusTest
class RunControlToolsTest extends SandboxTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String V2 = "/kapis/devops.kubesphere.io/v1alpha2/namespaces/stone-devops/pipelines/";
    static final String JENKINSFILE = "pipeline {\n agent any\n stages {\n"
            + "  stage('Build') { steps { sh 'make build'\n archiveArtifacts 'build/app.txt' } }\n"
            + "  stage('Approve') { steps { input(id: 'ship-it', message: 'Ship it?', parameters: "
            + "[string(name: 'ENV', defaultValue: 'dev')])\n echo 'shipping' } }\n"
            + "  stage('Deploy') { steps { sh 'make deploy' } }\n }\n}\n";

    private String pipeline(McpTestClient mcp) {
        String name = unique("rc-");
        CallToolResult created = mcp.call("create_pipeline", args("devops_project", "stone-devops", "pipeline", name,
                "jenkinsfile", JENKINSFILE));
        assertFalse(created.isError(), text(created));
        return name;
    }

    private String start(McpTestClient mcp, String pipeline) {
        CallToolResult run = mcp.call("run_pipeline", args("devops_project", "stone-devops", "pipeline", pipeline));
        assertFalse(run.isError(), text(run));
        return (String) structured(run).get("name");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(CallToolResult r) {
        return (List<Map<String, Object>>) structured(r).get("items");
    }

    @Test
    void approveAnInputFollowToTheEndReadAStepLogAndListArtifacts() throws Exception {
        try (McpTestClient mcp = mcp()) {
            String pipeline = pipeline(mcp);
            String run = start(mcp, pipeline);
            CallToolResult early = mcp.call("list_pending_inputs", args("devops_project", "stone-devops", "run", run));
            assertFalse(early.isError(), text(early));
            assertThat(text(early), containsString("not waiting for input"));

            sim().advanceClock(Duration.ofSeconds(10));
            // The build waits at its input: Jenkins PAUSED, which KubeSphere shows as Pending.
            CallToolResult paused = mcp.call("get_pipeline_run", args("devops_project", "stone-devops", "run", run));
            assertEquals("Pending", structured(paused).get("phase"), text(paused));
            CallToolResult pending = mcp.call("list_pending_inputs", args("devops_project", "stone-devops",
                    "run", run));
            assertFalse(pending.isError(), text(pending));
            assertEquals("Ship it?", items(pending).get(0).get("message"));
            assertEquals(List.of("ENV"), items(pending).get(0).get("parameters"));
            assertEquals("ship-it", items(pending).get(0).get("input_id"));

            CallToolResult unknownParam = mcp.call("submit_pipeline_input", args("devops_project", "stone-devops",
                    "run", run, "action", "approve", "parameters", Map.of("REGION", "eu")));
            assertTrue(unknownParam.isError());
            assertThat(text(unknownParam), containsString("it takes ENV"));

            sim().clearRequests();
            CallToolResult approved = mcp.call("submit_pipeline_input", args("devops_project", "stone-devops",
                    "run", run, "action", "approve", "parameters", Map.of("ENV", "staging")));
            assertFalse(approved.isError(), text(approved));
            assertThat(text(approved), containsString("Approved the input \"Ship it?\""));
            RecordedRequest post = sim().requests().stream()
                    .filter(r -> r.method().equals("POST")).findFirst().orElseThrow();
            assertThat(post.path(), containsString(V2 + pipeline + "/runs/1/nodes/"));
            assertEquals("*/*", post.accept(), "the route produces text/plain; charset=utf-8 only");
            JsonNode body = JSON.readTree(post.body());
            assertEquals("ship-it", body.path("id").asText());
            assertEquals("ENV", body.at("/parameters/0/name").asText());
            assertEquals("staging", body.at("/parameters/0/value").asText());

            sim().advanceClock(Duration.ofSeconds(10));
            CallToolResult done = mcp.call("get_pipeline_run", args("devops_project", "stone-devops", "run", run,
                    "wait_seconds", 5));
            assertEquals("Succeeded", structured(done).get("phase"), text(done));

            CallToolResult log = mcp.call("get_pipeline_step_log", args("devops_project", "stone-devops", "run", run,
                    "stage", "Approve", "step", 1));
            assertFalse(log.isError(), text(log));
            assertThat(text(log), containsString("Ship it?"));
            assertThat(text(log), containsString("Approved by admin"));
            CallToolResult build = mcp.call("get_pipeline_step_log", args("devops_project", "stone-devops",
                    "run", run, "stage", "Build", "step", 1, "tail_lines", 1));
            assertThat(text(build), containsString("last 1 of"));
            CallToolResult noStage = mcp.call("get_pipeline_step_log", args("devops_project", "stone-devops",
                    "run", run, "stage", "Nope"));
            assertTrue(noStage.isError());
            assertThat(text(noStage), containsString("its stages: Build (2 steps), Approve (2 steps)"));

            CallToolResult artifacts = mcp.call("list_run_artifacts", args("devops_project", "stone-devops",
                    "run", run));
            assertFalse(artifacts.isError(), text(artifacts));
            assertEquals("app.txt", items(artifacts).get(0).get("name"));
            assertThat(text(artifacts), containsString("build/app.txt (2048 bytes)"));

            CallToolResult none = mcp.call("list_pending_inputs", args("devops_project", "stone-devops", "run", run));
            assertThat(text(none), containsString("not waiting for input"));
            CallToolResult late = mcp.call("submit_pipeline_input", args("devops_project", "stone-devops",
                    "run", run, "action", "approve"));
            assertTrue(late.isError());
            assertThat(text(late), containsString("is not waiting for input"));
        }
    }

    @Test
    void abortingTheInputEndsTheRunAndStopIsNotADelete() {
        try (McpTestClient mcp = mcp()) {
            String pipeline = pipeline(mcp);
            String first = start(mcp, pipeline);
            sim().advanceClock(Duration.ofSeconds(10));
            CallToolResult aborted = mcp.call("submit_pipeline_input", args("devops_project", "stone-devops",
                    "run", first, "action", "abort"));
            assertFalse(aborted.isError(), text(aborted));
            CallToolResult after = mcp.call("get_pipeline_run", args("devops_project", "stone-devops", "run", first));
            // ks-devops maps Jenkins result ABORTED to phase Failed.
            assertEquals("Failed", structured(after).get("phase"), text(after));

            String second = start(mcp, pipeline);
            sim().advanceClock(Duration.ofMillis(1200));
            sim().clearRequests();
            CallToolResult stopped = mcp.call("stop_pipeline_run", args("devops_project", "stone-devops",
                    "run", second));
            assertFalse(stopped.isError(), text(stopped));
            assertEquals("ABORTED", structured(stopped).get("result"));
            assertThat(text(stopped), containsString("kept"));
            List<String> sent = sim().requests().stream().map(r -> r.method() + " " + r.path()
                    + (r.query() == null || r.query().isEmpty() ? "" : "?" + r.query())).toList();
            assertEquals(List.of("GET /kapis/devops.kubesphere.io/v1alpha3/namespaces/stone-devops/pipelineruns/"
                    + second, "POST " + V2 + pipeline + "/runs/2/stop?blocking=true&timeOutInSecs=10"), sent);
            assertTrue(sim().requests().stream().noneMatch(r -> r.method().equals("DELETE")));

            // The stopped run is still there, with its log.
            CallToolResult runs = mcp.call("list_pipeline_runs", args("devops_project", "stone-devops",
                    "pipeline", pipeline));
            assertThat(text(runs), containsString(second));
            CallToolResult log = mcp.call("get_pipeline_run_log", args("devops_project", "stone-devops",
                    "pipeline", pipeline, "run", second));
            assertThat(text(log), containsString("Finished: ABORTED"));

            CallToolResult again = mcp.call("stop_pipeline_run", args("devops_project", "stone-devops",
                    "run", second));
            assertFalse(again.isError(), text(again));
            assertThat(text(again), containsString("had already finished"));
        }
    }

    @Test
    void rerunStartsTheSamePipelineWithTheSameParameters() throws Exception {
        try (McpTestClient mcp = mcp()) {
            CallToolResult run = mcp.call("run_pipeline", args("devops_project", "stone-devops", "pipeline", "build",
                    "parameters", Map.of("TAG", "v7")));
            String name = (String) structured(run).get("name");
            sim().clearRequests();
            CallToolResult again = mcp.call("rerun_pipeline_run", args("devops_project", "stone-devops",
                    "run", name));
            assertFalse(again.isError(), text(again));
            assertFalse(name.equals(structured(again).get("name")));
            RecordedRequest post = sim().requests().stream().filter(r -> r.method().equals("POST"))
                    .findFirst().orElseThrow();
            assertEquals("/kapis/devops.kubesphere.io/v1alpha3/namespaces/stone-devops/pipelines/build/pipelineruns",
                    post.path());
            assertEquals("v7", JSON.readTree(post.body()).at("/parameters/0/value").asText());
        }
    }

    @Test
    void aRunThatHasNotStartedCannotBeStopped() {
        try (McpTestClient mcp = mcp()) {
            String run = start(mcp, "build");
            CallToolResult stop = mcp.call("stop_pipeline_run", args("devops_project", "stone-devops", "run", run));
            assertTrue(stop.isError());
            assertThat(text(stop), containsString("has not started in Jenkins yet"));
        }
    }

    @Test
    void hostileValuesNeverReachKubeSphere() {
        List<String> hostile = List.of("../x", "a/b", "a%2Fb", "UP", "x".repeat(64), "");
        sim().clearRequests();
        try (McpTestClient mcp = mcp()) {
            for (String bad : hostile) {
                for (String tool : List.of("stop_pipeline_run", "rerun_pipeline_run", "list_pending_inputs",
                        "list_run_artifacts")) {
                    for (Map<String, Object> a : List.of(args("devops_project", bad, "run", "r1"),
                            args("devops_project", "stone-devops", "run", bad),
                            args("devops_project", "stone-devops", "run", "r1", "cluster", bad))) {
                        CallToolResult r = mcp.call(tool, a);
                        assertTrue(r.isError(), tool + " " + a);
                        assertThat(text(r), not(containsString("Exception")));
                    }
                }
                assertTrue(mcp.call("submit_pipeline_input", args("devops_project", "stone-devops", "run", bad,
                        "action", "approve")).isError());
                assertTrue(mcp.call("get_pipeline_step_log", args("devops_project", "stone-devops", "run", bad,
                        "stage", "Build")).isError());
            }
            assertTrue(mcp.call("submit_pipeline_input", args("devops_project", "stone-devops", "run", "r1",
                    "action", "delete")).isError());
            Map<String, Object> badParams = new LinkedHashMap<>();
            badParams.put("../../x", "v");
            badParams.put("OK", Map.of("nested", true));
            badParams.put("LONG", "v".repeat(5000));
            CallToolResult params = mcp.call("submit_pipeline_input", args("devops_project", "stone-devops",
                    "run", "r1", "action", "approve", "parameters", badParams));
            assertThat(text(params), containsString("parameter name '../../x'"));
            assertThat(text(params), containsString("parameter OK needs a string"));
            assertThat(text(params), containsString("parameter LONG is longer"));
            CallToolResult abortWithParams = mcp.call("submit_pipeline_input", args("devops_project", "stone-devops",
                    "run", "r1", "action", "abort", "parameters", Map.of("ENV", "x")));
            assertThat(text(abortWithParams), containsString("parameters go with approve"));
            for (Map<String, Object> a : List.of(
                    args("devops_project", "stone-devops", "run", "r1", "stage", "a\nb"),
                    args("devops_project", "stone-devops", "run", "r1", "stage", "x".repeat(201)),
                    args("devops_project", "stone-devops", "run", "r1", "stage", "Build", "step", 0),
                    args("devops_project", "stone-devops", "run", "r1", "stage", "Build", "tail_lines", 99999))) {
                assertTrue(mcp.call("get_pipeline_step_log", a).isError(), a.toString());
            }
        }
        assertEquals(List.of(), sim().requests().stream().filter(r -> !r.path().startsWith("/oauth"))
                .toList());
    }

    @Test
    void stopAndAbortAreDeclaredDestructive() {
        try (McpTestClient mcp = mcp()) {
            Map<String, Tool> tools = new LinkedHashMap<>();
            mcp.tools().forEach(t -> tools.put(t.name(), t));
            assertEquals(true, tools.get("stop_pipeline_run").annotations().destructiveHint());
            assertEquals(true, tools.get("submit_pipeline_input").annotations().destructiveHint());
            assertEquals(false, tools.get("rerun_pipeline_run").annotations().destructiveHint());
            assertEquals(false, tools.get("run_pipeline").annotations().destructiveHint());
            assertEquals(true, tools.get("get_pipeline_step_log").annotations().readOnlyHint());
        }
    }
}
