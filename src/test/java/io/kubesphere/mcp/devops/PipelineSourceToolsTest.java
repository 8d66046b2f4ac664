package io.kubesphere.mcp.devops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubesphere.mcp.sandbox.RecordedRequest;
import io.kubesphere.mcp.support.McpTestClient;
import io.kubesphere.mcp.support.SandboxTest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.kubesphere.mcp.devops.DevOpsSetupToolsTest.args;
import static io.kubesphere.mcp.devops.DevOpsSetupToolsTest.unique;
import static io.kubesphere.mcp.support.McpTestClient.structured;
import static io.kubesphere.mcp.support.McpTestClient.text;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Branches and repository scans of multi-branch pipelines, and replacing a plain pipeline's Jenkinsfile. */
@QuarkusTest
class PipelineSourceToolsTest extends SandboxTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(CallToolResult r) {
        return (List<Map<String, Object>>) structured(r).get("items");
    }

    @Test
    void scanFindsTheBranchesAndEachShowsItsLastRun() {
        String name = unique("mb-");
        try (McpTestClient mcp = mcp()) {
            assertFalse(mcp.call("create_pipeline", args("devops_project", "stone-devops", "pipeline", name,
                    "type", "multi-branch-pipeline", "git_url", "https://github.com/kubesphere/devops-maven-sample.git",
                    "credential_id", "gitlab-token")).isError());
            CallToolResult none = mcp.call("list_pipeline_branches", args("devops_project", "stone-devops",
                    "pipeline", name));
            assertFalse(none.isError(), text(none));
            assertThat(text(none), containsString("scan_pipeline_repository"));

            sim().clearRequests();
            CallToolResult scan = mcp.call("scan_pipeline_repository", args("devops_project", "stone-devops",
                    "pipeline", name));
            assertFalse(scan.isError(), text(scan));
            assertThat(text(scan), containsString("Checking branch main"));
            assertThat(text(scan), containsString("Finished: SUCCESS"));
            RecordedRequest post = sim().requests().stream().filter(r -> r.method().equals("POST"))
                    .findFirst().orElseThrow();
            // The scan route produces text/html; charset=utf-8: only the wildcard matches it.
            assertEquals("*/*", post.accept());

            CallToolResult run = mcp.call("run_pipeline", args("devops_project", "stone-devops", "pipeline", name,
                    "branch", "feat/login"));
            assertFalse(run.isError(), text(run));
            sim().advanceClock(Duration.ofSeconds(10));
            CallToolResult branches = mcp.call("list_pipeline_branches", args("devops_project", "stone-devops",
                    "pipeline", name));
            assertEquals(3, structured(branches).get("total"));
            Map<String, Object> feat = items(branches).stream().filter(b -> "feat/login".equals(b.get("name")))
                    .findFirst().orElseThrow();
            assertEquals("feat%2Flogin", feat.get("jenkins_name"));
            assertThat(String.valueOf(feat.get("latest_run")), containsString("SUCCESS"));

            CallToolResult plain = mcp.call("list_pipeline_branches", args("devops_project", "stone-devops",
                    "pipeline", "build"));
            assertTrue(plain.isError());
            assertThat(text(plain), containsString("not a multi-branch pipeline"));
            CallToolResult scanPlain = mcp.call("scan_pipeline_repository", args("devops_project", "stone-devops",
                    "pipeline", "build"));
            assertTrue(scanPlain.isError());
            CallToolResult jfMulti = mcp.call("update_jenkinsfile", args("devops_project", "stone-devops",
                    "pipeline", name, "jenkinsfile", "pipeline { agent any }"));
            assertTrue(jfMulti.isError());
            assertThat(text(jfMulti), containsString("lives in each branch"));
        }
    }

    @Test
    void updateJenkinsfileChangesWhatTheNextRunDoes() throws Exception {
        String name = unique("jf-");
        try (McpTestClient mcp = mcp()) {
            assertFalse(mcp.call("create_pipeline", args("devops_project", "stone-devops", "pipeline", name,
                    "jenkinsfile", "pipeline { agent any\n stages { stage('Old') { steps { echo 'old' } } } }"))
                    .isError());
            sim().clearRequests();
            String jf = "pipeline { agent any\n stages { stage('New') { steps { echo 'new' } } } }";
            CallToolResult updated = mcp.call("update_jenkinsfile", args("devops_project", "stone-devops",
                    "pipeline", name, "jenkinsfile", jf));
            assertFalse(updated.isError(), text(updated));
            RecordedRequest put = sim().requests().stream().filter(r -> r.method().equals("PUT"))
                    .findFirst().orElseThrow();
            assertEquals("mode=raw", put.query());
            assertEquals(jf, JSON.readTree(put.body()).path("data").asText());

            String run = (String) structured(mcp.call("run_pipeline", args("devops_project", "stone-devops",
                    "pipeline", name))).get("name");
            sim().advanceClock(Duration.ofSeconds(10));
            CallToolResult got = mcp.call("get_pipeline_run", args("devops_project", "stone-devops", "run", run));
            assertThat(text(got), containsString("Stages: New"));

            CallToolResult blank = mcp.call("update_jenkinsfile", args("devops_project", "stone-devops",
                    "pipeline", name, "jenkinsfile", "   "));
            assertTrue(blank.isError());
        }
    }

    @Test
    void hostileValuesNeverReachKubeSphere() {
        sim().clearRequests();
        try (McpTestClient mcp = mcp()) {
            for (String bad : List.of("../x", "a/b", "a%2Fb", "UP", "x".repeat(64), "")) {
                for (String tool : List.of("list_pipeline_branches", "scan_pipeline_repository")) {
                    assertTrue(mcp.call(tool, args("devops_project", bad, "pipeline", "p")).isError());
                    assertTrue(mcp.call(tool, args("devops_project", "stone-devops", "pipeline", bad)).isError());
                }
                assertTrue(mcp.call("update_jenkinsfile", args("devops_project", "stone-devops", "pipeline", bad,
                        "jenkinsfile", "x")).isError());
            }
            assertTrue(mcp.call("update_jenkinsfile", args("devops_project", "stone-devops", "pipeline", "build",
                    "jenkinsfile", "x".repeat(200_001))).isError());
            assertTrue(mcp.call("list_pipeline_branches", args("devops_project", "stone-devops", "pipeline", "p",
                    "limit", 201)).isError());
        }
        assertEquals(List.of(), sim().requests().stream().filter(r -> !r.path().startsWith("/oauth"))
                .toList());
    }
}
