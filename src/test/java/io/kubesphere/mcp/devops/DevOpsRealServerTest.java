package io.kubesphere.mcp.devops;

import io.kubesphere.mcp.sandbox.RecordedRequest;
import io.kubesphere.mcp.support.SandboxTest;
import io.kubesphere.mcp.support.McpTestClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.kubesphere.mcp.support.McpTestClient.structured;
import static io.kubesphere.mcp.support.McpTestClient.text;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a real ks-devops leaves to the client: last runs (not in jenkins-metadata), branch names in two forms, and
 * references a write would store unchecked.
 */
@QuarkusTest
class DevOpsRealServerTest extends SandboxTest {

    static final String D = "/kapis/devops.kubesphere.io";
    static final String P = D + "/v1alpha3/namespaces/stone-devops";

    @AfterEach
    void lift() {
        sandbox.simulator().forbidReads(null);
    }

    private List<RecordedRequest> devops() {
        return sandbox.simulator().requests().stream().filter(r -> r.path().contains("devops.kubesphere.io")).toList();
    }

    private List<RecordedRequest> posts() {
        return devops().stream().filter(r -> r.method().equals("POST")).toList();
    }

    private static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    @Test
    void plainPipelineShowsItsNewestRunFromItsPipelineRuns() {
        // Runs of earlier tests must be older by more than the timestamps' one-second resolution.
        sandbox.simulator().advanceClock(Duration.ofSeconds(2));
        try (McpTestClient mcp = McpTestClient.http(root)) {
            CallToolResult run = mcp.call("run_pipeline", args("devops_project", "stone-devops", "pipeline", "build"));
            assertFalse(run.isError(), text(run));
            String name = (String) structured(run).get("name");
            sandbox.simulator().clearRequests();

            CallToolResult got = mcp.call("get_pipeline", args("devops_project", "stone-devops", "pipeline", "build"));
            assertFalse(got.isError(), text(got));
            Map<String, Object> latest = map(structured(got).get("latest_run"));
            assertEquals(name, latest.get("run"));
            assertEquals("Pending", latest.get("status"));
            assertThat(text(got), containsString("last run " + name));

            CallToolResult listed = mcp.call("list_pipelines", args("devops_project", "stone-devops"));
            assertFalse(listed.isError(), text(listed));
            // The list carries no last run on a real server: the field is not published at all.
            list(structured(listed).get("items")).forEach(i -> assertFalse(i.containsKey("latest_run"), i.toString()));
        }
        List<RecordedRequest> sent = devops();
        assertEquals("GET " + P + "/pipelines/build", sent.get(0).method() + " " + sent.get(0).path());
        assertEquals(P + "/pipelines/build/pipelineruns", sent.get(1).path());
        assertEquals("page=1&limit=1&backward=false", sent.get(1).query());
        assertEquals(3, sent.size(), sent.toString());
    }

    @Test
    void multiBranchBranchesShowTheirGitNamesAndOwnLastRuns() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            for (String form : List.of("feat/login", "feat%2Flogin")) {
                CallToolResult run = mcp.call("run_pipeline", args("devops_project", "stone-devops",
                        "pipeline", "service-mb", "branch", form));
                assertFalse(run.isError(), text(run));
                assertEquals("feat/login", structured(run).get("branch"));
                assertThat(text(run), containsString("[feat/login]"));
            }
            sandbox.simulator().advanceClock(Duration.ofSeconds(5));
            CallToolResult got = mcp.call("get_pipeline", args("devops_project", "stone-devops",
                    "pipeline", "service-mb"));
            assertFalse(got.isError(), text(got));
            assertNull(structured(got).get("latest_run"));
            Map<String, Object> feat = list(structured(got).get("branches")).stream()
                    .filter(b -> b.get("name").equals("feat/login")).findFirst().orElseThrow();
            assertEquals("SUCCESS", map(feat.get("latest_run")).get("status"));
            assertThat(text(got), containsString("feat/login (last run #"));

            String runName = (String) list(structured(mcp.call("list_pipeline_runs", args("devops_project",
                    "stone-devops", "pipeline", "service-mb", "branch", "feat/login"))).get("items")).get(0)
                    .get("name");
            CallToolResult log = mcp.call("get_pipeline_run_log", args("devops_project", "stone-devops",
                    "pipeline", "service-mb", "run", runName));
            assertFalse(log.isError(), text(log));
            assertThat((String) structured(log).get("log"), containsString("Finished: SUCCESS"));
        }
        // The Jenkins name feat%2Flogin is sent: URL-encoded in the query, and escaped in the path so that Go's
        // decoded path hands ks-devops the name itself.
        posts().forEach(p -> assertEquals("branch=feat%252Flogin", p.query()));
        assertTrue(devops().stream().anyMatch(r -> r.path().endsWith("/pipelineruns") && r.method().equals("GET")
                && r.query().contains("branch=feat%252Flogin")));
        RecordedRequest log = devops().stream().filter(r -> r.path().endsWith("/log")).findFirst().orElseThrow();
        assertEquals(D + "/v1alpha2/namespaces/stone-devops/pipelines/service-mb/branches/feat%252Flogin/runs/"
                + log.path().replaceAll(".*/runs/([0-9]+)/log", "$1") + "/log", log.path());
        assertEquals(200, log.status());
    }

    @Test
    void hostileBranchValuesNeverReachKubeSphere() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            for (String bad : List.of("../../api/v1/secrets", "feat%2F..%2Fx", "%2e%2e", "a%252Fb", "a%25", "-x",
                    "/x", "x/", "a//b", "x.lock", "a/.hidden", "a..b", "a\\b", "feat%5Cx", "a@{1}", "a\u0001b",
                    "feat%2f%2e%2e", "x.")) {
                CallToolResult run = mcp.call("run_pipeline", args("devops_project", "stone-devops",
                        "pipeline", "service-mb", "branch", bad));
                assertTrue(run.isError(), bad);
                CallToolResult runs = mcp.call("list_pipeline_runs", args("devops_project", "stone-devops",
                        "pipeline", "service-mb", "branch", bad));
                assertTrue(runs.isError(), bad);
            }
        }
        assertEquals(List.of(), devops(), "nothing was sent");
    }

    @Test
    void runChecksTheBranchAndParametersBeforeStarting() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            CallToolResult noBranch = mcp.call("run_pipeline", args("devops_project", "stone-devops",
                    "pipeline", "service-mb", "branch", "feat/logout"));
            assertTrue(noBranch.isError());
            assertThat(text(noBranch), containsString("has no branch feat/logout. Branches: main, dev, feat/login"));

            CallToolResult undeclared = mcp.call("run_pipeline", args("devops_project", "stone-devops",
                    "pipeline", "build", "parameters", Map.of("TAG", "v1", "TAGG", "v2")));
            assertTrue(undeclared.isError());
            assertThat(text(undeclared), containsString("does not declare parameter TAGG; it declares TAG"));
            assertEquals(List.of(), posts());
            assertEquals(2, devops().size(), "one read each");

            CallToolResult declared = mcp.call("run_pipeline", args("devops_project", "stone-devops",
                    "pipeline", "build", "parameters", Map.of("TAG", "v1")));
            assertFalse(declared.isError(), text(declared));
            assertNull(structured(declared).get("not_verified"));
        }
    }

    @Test
    void aForbiddenReadDoesNotBlockTheRunButIsReported() {
        sandbox.simulator().forbidReads(".*/pipelines/service-mb");
        try (McpTestClient mcp = McpTestClient.http(root)) {
            CallToolResult run = mcp.call("run_pipeline", args("devops_project", "stone-devops",
                    "pipeline", "service-mb", "branch", "feat/any", "parameters", Map.of("X", "1")));
            assertFalse(run.isError(), text(run));
            assertThat((String) structured(run).get("not_verified"), containsString("could not be verified"));
            assertThat(text(run), containsString("could not be verified (no permission to read pipeline service-mb)"));
        }
        assertEquals(403, devops().get(0).status());
        assertEquals("branch=feat%252Fany", posts().get(0).query());
    }

    @Test
    void createChecksTheCredentialWithOneRead() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            CallToolResult missing = mcp.call("create_pipeline", args("devops_project", "stone-devops",
                    "pipeline", "mb-ghost", "type", "multi-branch-pipeline",
                    "git_url", "https://github.com/kubesphere/devops-maven-sample.git", "credential_id", "gitlab"));
            assertTrue(missing.isError());
            assertThat(text(missing), containsString("DevOps project stone-devops has no credential gitlab. Use "
                    + "list_credentials"));
            assertEquals(List.of(), posts());
            assertEquals(1, devops().size());

            sandbox.simulator().forbidReads(".*/credentials");
            CallToolResult unverified = mcp.call("create_pipeline", args("devops_project", "stone-devops",
                    "pipeline", "mb-unverified-" + System.nanoTime() % 100000, "type", "multi-branch-pipeline",
                    "git_url", "https://github.com/kubesphere/devops-maven-sample.git", "credential_id", "other"));
            assertFalse(unverified.isError(), text(unverified));
            assertThat(text(unverified), containsString("Credential other could not be verified"));
        }
        assertEquals(1, posts().size());
    }

    @Test
    void duplicatePipelineIsThe400OfKsDevopsWithTheFriendlyMessage() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            CallToolResult dup = mcp.call("create_pipeline", args("devops_project", "stone-devops",
                    "pipeline", "build", "jenkinsfile", "pipeline { agent any }"));
            assertTrue(dup.isError());
            assertThat(text(dup), containsString("A pipeline named build already exists in DevOps project "
                    + "stone-devops"));
            assertThat(text(dup), not(containsString("400")));
        }
        assertEquals(400, posts().get(0).status());
    }
}
