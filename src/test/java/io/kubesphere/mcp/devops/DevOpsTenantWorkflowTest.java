package io.kubesphere.mcp.devops;

import io.kubesphere.mcp.sandbox.RecordedRequest;
import io.kubesphere.mcp.support.SandboxTest;
import io.kubesphere.mcp.support.StoneshiProfile;
import io.kubesphere.mcp.support.McpTestClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.kubesphere.mcp.support.McpTestClient.structured;
import static io.kubesphere.mcp.support.McpTestClient.text;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verified tenant workflow of the DevOps guide (seed 000), as stoneshi: a regular member of workspace stone and
 * operator of DevOps project stone-devops, with no access to workspace demo.
 */
@QuarkusTest
@TestProfile(StoneshiProfile.class)
class DevOpsTenantWorkflowTest extends SandboxTest {

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(CallToolResult r) {
        return (List<Map<String, Object>>) structured(r).get("items");
    }

    @Test
    void tenantCreatesRunsFollowsAndReadsAPipeline() {
        sandbox.simulator().clearRequests();
        String pipeline = "tenant-ci-" + Long.toString(System.nanoTime() % 1_000_000L, 36);
        try (McpTestClient mcp = McpTestClient.http(root)) {
            CallToolResult projects = mcp.call("list_devops_projects", Map.of("workspace", "stone"));
            assertFalse(projects.isError(), text(projects));
            assertEquals(List.of("stone-devops"), items(projects).stream().map(p -> p.get("name")).toList());

            CallToolResult pipelines = mcp.call("list_pipelines", Map.of("devops_project", "stone-devops"));
            assertFalse(pipelines.isError(), text(pipelines));
            assertThat(items(pipelines).stream().map(p -> p.get("name")).toList(), hasItem("build"));

            CallToolResult created = mcp.call("create_pipeline", Map.of("devops_project", "stone-devops",
                    "pipeline", pipeline, "jenkinsfile", """
                            pipeline {
                              agent any
                              stages {
                                stage('Hello') { steps { echo 'hello from stoneshi' } }
                                stage('Build') { steps { sh 'make build' } }
                              }
                            }
                            """));
            assertFalse(created.isError(), text(created));

            CallToolResult run = mcp.call("run_pipeline", Map.of("devops_project", "stone-devops",
                    "pipeline", pipeline));
            assertFalse(run.isError(), text(run));
            String runName = (String) structured(run).get("name");

            CallToolResult followed = mcp.callWithProgress("get_pipeline_run", Map.of("devops_project",
                    "stone-devops", "run", runName, "wait_seconds", 30), "token-1");
            assertFalse(followed.isError(), text(followed));
            assertEquals("Succeeded", structured(followed).get("phase"));
            assertEquals(true, structured(followed).get("finished"));
            assertThat(text(followed), containsString("Succeeded"));
            assertThat(text(followed), containsString("Hello SUCCESS"));
            List<ProgressNotification> progress = List.copyOf(mcp.progress());
            assertFalse(progress.isEmpty(), "progress notifications while waiting");
            assertThat(progress.stream().map(ProgressNotification::progressToken).toList(), everyItem(is("token-1")));
            assertThat(progress.get(0).message(), containsString("phase"));
            assertEquals(30.0, progress.get(0).total());
            for (int i = 1; i < progress.size(); i++) {
                assertTrue(progress.get(i).progress() > progress.get(i - 1).progress(), "progress increases");
            }

            CallToolResult log = mcp.call("get_pipeline_run_log", Map.of("devops_project", "stone-devops",
                    "pipeline", pipeline, "run", runName));
            assertFalse(log.isError(), text(log));
            assertThat(text(log), containsString("hello from stoneshi"));
            assertThat(text(log), containsString("Finished: SUCCESS"));

            CallToolResult demo = mcp.call("list_devops_projects", Map.of("workspace", "demo"));
            assertTrue(demo.isError());
            assertThat(text(demo), containsString("No permission in workspace demo"));
            assertThat(text(demo), not(containsString("Exception")));
        }
        List<RecordedRequest> sent = sandbox.simulator().requests().stream()
                .filter(r -> r.path().contains("devops.kubesphere.io")).toList();
        assertThat(sent.stream().map(RecordedRequest::user).distinct().toList(), is(List.of("stoneshi")));
        assertTrue(sent.stream().anyMatch(r -> r.method().equals("POST") && r.path().endsWith("/pipelines")
                && r.body().contains("\"kubesphere.io/creator\":\"stoneshi\"")));
        // Several polls of the run while it was Pending/Running, never a blocking wait on one request.
        long polls = sent.stream().filter(r -> r.path().endsWith("/pipelineruns/" + runNameOf(sent))).count();
        assertTrue(polls >= 3, "polled " + polls + " times");
        assertTrue(sent.stream().anyMatch(r -> r.path().endsWith("/workspaces/demo/namespaces") && r.status() == 403));
    }

    private static String runNameOf(List<RecordedRequest> sent) {
        return sent.stream().filter(r -> r.path().endsWith("/nodedetails")).findFirst().orElseThrow().path()
                .replaceAll(".*/pipelineruns/([^/]+)/nodedetails", "$1");
    }
}
