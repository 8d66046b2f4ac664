package io.kubesphere.mcp.devops;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesphere.mcp.support.SandboxTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubesphere.mcp.sandbox.RecordedRequest;
import io.kubesphere.mcp.support.McpTestClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.kubesphere.mcp.support.McpTestClient.structured;
import static io.kubesphere.mcp.support.McpTestClient.text;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The devops toolset against the simulator, as admin (the default sandbox identity). */
@QuarkusTest
class DevOpsToolsTest extends SandboxTest {

    static final String D = "/kapis/devops.kubesphere.io";
    static final String P = D + "/v1alpha3/namespaces/stone-devops";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String JENKINSFILE = "pipeline {\n agent any\n stages {\n  stage('Hello') { steps { echo 'hi' } }\n"
            + "  stage('Build') { steps { sh 'make build' } }\n }\n}\n";

    private List<RecordedRequest> devopsRequests() {
        return sandbox.simulator().requests().stream().filter(r -> r.path().contains("devops.kubesphere.io")).toList();
    }

    private static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(CallToolResult r) {
        return (List<Map<String, Object>>) structured(r).get("items");
    }

    private static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void listDevOpsProjectsThroughTheWorkspaceToleratingNull() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            CallToolResult stone = mcp.call("list_devops_projects", args("workspace", "stone"));
            assertFalse(stone.isError(), text(stone));
            assertEquals("stone-devops", items(stone).get(0).get("name"));
            assertEquals("stone-devops", items(stone).get(0).get("namespace"));
            assertEquals("stone", items(stone).get(0).get("workspace"));
            assertEquals(1, structured(stone).get("total"));
            assertThat(text(stone), containsString("stone-devops"));

            // Workspace demo has no DevOps project: ks-devops answers the literal null.
            CallToolResult demo = mcp.call("list_devops_projects", args("workspace", "demo"));
            assertFalse(demo.isError(), text(demo));
            assertThat(items(demo), empty());
            assertEquals(0, structured(demo).get("total"));
            assertEquals(false, structured(demo).get("has_more"));
        }
        List<RecordedRequest> sent = devopsRequests();
        assertEquals(2, sent.size());
        assertEquals(D + "/v1alpha3/workspaces/stone/namespaces", sent.get(0).path());
        assertThat(sent.get(0).query(), containsString("limit=20"));
        assertThat(sandbox.simulator().requests().stream().map(RecordedRequest::path).toList(),
                everyItem(not(containsString("devopsprojects"))));
    }

    @Test
    void clusterPrefixWhenClusterIsGiven() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            assertFalse(mcp.call("list_devops_projects", args("workspace", "stone", "cluster", "host")).isError());
            assertFalse(mcp.call("list_pipelines", args("devops_project", "stone-devops", "cluster", "host")).isError());
            assertFalse(mcp.call("get_pipeline", args("devops_project", "stone-devops", "pipeline", "build",
                    "cluster", "host")).isError());
            assertFalse(mcp.call("list_credentials", args("devops_project", "stone-devops", "cluster", "host"))
                    .isError());
            CallToolResult run = mcp.call("run_pipeline", args("devops_project", "stone-devops", "pipeline", "build",
                    "cluster", "host"));
            assertFalse(run.isError(), text(run));
            String name = (String) structured(run).get("name");
            assertFalse(mcp.call("list_pipeline_runs", args("devops_project", "stone-devops", "pipeline", "build",
                    "cluster", "host")).isError());
            sandbox.simulator().advanceClock(Duration.ofSeconds(5));
            CallToolResult got = mcp.call("get_pipeline_run", args("devops_project", "stone-devops", "run", name,
                    "cluster", "host"));
            assertFalse(got.isError(), text(got));
            CallToolResult log = mcp.call("get_pipeline_run_log", args("devops_project", "stone-devops",
                    "pipeline", "build", "run", name, "cluster", "host"));
            assertFalse(log.isError(), text(log));

            CallToolResult unknown = mcp.call("list_pipelines", args("devops_project", "stone-devops",
                    "cluster", "nowhere"));
            assertTrue(unknown.isError());
            assertThat(text(unknown), containsString("cluster nowhere not exists"));
        }
        List<RecordedRequest> sent = devopsRequests();
        assertEquals(13, sent.size(), sent.toString());
        assertThat(sent.stream().map(RecordedRequest::path).toList(), everyItem(startsWith("/clusters/")));
        List<String> paths = sent.stream().map(r -> r.method() + " " + r.path()).toList();
        String host = "/clusters/host";
        assertThat(paths, hasItem("GET " + host + D + "/v1alpha3/workspaces/stone/namespaces"));
        assertThat(paths, hasItem("GET " + host + P + "/pipelines"));
        assertThat(paths, hasItem("GET " + host + P + "/pipelines/build"));
        assertThat(paths, hasItem("GET " + host + P + "/credentials"));
        assertThat(paths, hasItem("POST " + host + P + "/pipelines/build/pipelineruns"));
        assertThat(paths, hasItem("GET " + host + P + "/pipelines/build/pipelineruns"));
        assertThat(paths, hasItem("GET " + host + P + "/pipelineruns/" + runName(sent)));
        assertThat(paths, hasItem("GET " + host + P + "/pipelineruns/" + runName(sent) + "/nodedetails"));
        assertThat(paths, hasItem(startsWith("GET " + host + D
                + "/v1alpha2/namespaces/stone-devops/pipelines/build/runs/")));
        assertThat(paths, hasItem("GET /clusters/nowhere" + P + "/pipelines"));
    }

    private static String runName(List<RecordedRequest> sent) {
        return sent.stream().filter(r -> r.path().endsWith("/nodedetails")).findFirst().orElseThrow().path()
                .replaceAll(".*/pipelineruns/([^/]+)/nodedetails", "$1");
    }

    @Test
    void listAndGetPipelines() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            CallToolResult list = mcp.call("list_pipelines", args("devops_project", "stone-devops"));
            assertFalse(list.isError(), text(list));
            assertThat(items(list).stream().map(i -> i.get("name")).toList(), hasItem("build"));
            assertThat(items(list).stream().map(i -> i.get("name")).toList(), hasItem("service-mb"));

            CallToolResult none = mcp.call("list_pipelines", args("devops_project", "stone-devops", "name", "zzz-none"));
            assertFalse(none.isError(), text(none));
            assertThat(items(none), empty());

            CallToolResult build = mcp.call("get_pipeline", args("devops_project", "stone-devops", "pipeline", "build"));
            assertFalse(build.isError(), text(build));
            assertEquals("pipeline", structured(build).get("type"));
            assertThat((String) structured(build).get("jenkinsfile"), containsString("stage('Build')"));
            assertEquals("Build and test the stone service", structured(build).get("description"));

            CallToolResult mb = mcp.call("get_pipeline", args("devops_project", "stone-devops",
                    "pipeline", "service-mb"));
            assertFalse(mb.isError(), text(mb));
            assertEquals("multi-branch-pipeline", structured(mb).get("type"));
            assertEquals("https://github.com/kubesphere/devops-maven-sample.git", structured(mb).get("git_url"));
            assertEquals("Jenkinsfile", structured(mb).get("script_path"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> branches = (List<Map<String, Object>>) structured(mb).get("branches");
            assertEquals(List.of("main", "dev", "feat/login"), branches.stream().map(b -> b.get("name")).toList());
            // Other tests may have run branches already: each then shows its own last run.
            assertThat(text(mb), org.hamcrest.Matchers.matchesPattern(
                    ".*branches: main( \\([^)]*\\))?, dev( \\([^)]*\\))?, feat/login( \\([^)]*\\))?$"));

            CallToolResult missing = mcp.call("get_pipeline", args("devops_project", "stone-devops", "pipeline", "ghost"));
            assertTrue(missing.isError());
            assertThat(text(missing), containsString("not found"));
        }
        assertEquals(P + "/pipelines", devopsRequests().get(1).path());
        assertThat(devopsRequests().get(1).query(), containsString("name=zzz-none"));
    }

    @Test
    void createPlainPipelineWithParametersThenDuplicate() throws Exception {
        String name = unique("ci");
        try (McpTestClient mcp = McpTestClient.http(root)) {
            Map<String, Object> in = args("devops_project", "stone-devops", "pipeline", name,
                    "jenkinsfile", JENKINSFILE, "description", "CI for the tests",
                    "parameters", List.of(Map.of("name", "TAG", "default_value", "v1", "description", "image tag"),
                            Map.of("name", "DEBUG", "type", "boolean", "default_value", "false")));
            CallToolResult created = mcp.call("create_pipeline", in);
            assertFalse(created.isError(), text(created));
            assertEquals(name, structured(created).get("name"));
            assertEquals("pipeline", structured(created).get("type"));
            assertThat(text(created), containsString("Created"));

            CallToolResult dup = mcp.call("create_pipeline", in);
            assertTrue(dup.isError());
            assertThat(text(dup), containsString("A pipeline named " + name + " already exists in DevOps project "
                    + "stone-devops"));
        }
        List<RecordedRequest> posts = devopsRequests().stream().filter(r -> r.method().equals("POST")).toList();
        assertEquals(2, posts.size());
        assertEquals(P + "/pipelines", posts.get(0).path());
        assertThat(posts.get(0).contentType(), startsWith("application/json"));
        assertEquals(400, posts.get(1).status());
        JsonNode body = JSON.readTree(posts.get(0).body());
        assertEquals("devops.kubesphere.io/v1alpha3", body.path("apiVersion").asText());
        assertEquals("Pipeline", body.path("kind").asText());
        assertEquals(name, body.at("/metadata/name").asText());
        assertEquals("stone-devops", body.at("/metadata/namespace").asText());
        assertEquals("admin", body.at("/metadata/annotations/kubesphere.io~1creator").asText());
        assertEquals("pipeline", body.at("/spec/type").asText());
        assertEquals(name, body.at("/spec/pipeline/name").asText());
        assertEquals(JENKINSFILE, body.at("/spec/pipeline/jenkinsfile").asText());
        assertEquals("CI for the tests", body.at("/spec/pipeline/description").asText());
        assertEquals("TAG", body.at("/spec/pipeline/parameters/0/name").asText());
        assertEquals("string", body.at("/spec/pipeline/parameters/0/type").asText());
        assertEquals("v1", body.at("/spec/pipeline/parameters/0/default_value").asText());
        assertEquals("boolean", body.at("/spec/pipeline/parameters/1/type").asText());
        assertTrue(body.at("/spec/multi_branch_pipeline").isMissingNode());
    }

    @Test
    void createMultiBranchPipeline() throws Exception {
        String name = unique("mb");
        try (McpTestClient mcp = McpTestClient.http(root)) {
            CallToolResult created = mcp.call("create_pipeline", args("devops_project", "stone-devops",
                    "pipeline", name, "type", "multi-branch-pipeline",
                    "git_url", "https://github.com/kubesphere/devops-maven-sample.git",
                    "credential_id", "gitlab-token", "branch_discovery", "branches-and-tags"));
            assertFalse(created.isError(), text(created));
            assertEquals("multi-branch-pipeline", structured(created).get("type"));
            assertEquals("gitlab-token", structured(created).get("credential_id"));
        }
        // One read first: the credential must exist in the project (ks-devops would store any id).
        assertEquals("GET " + P + "/credentials?name=gitlab-token", devopsRequests().get(0).method() + " "
                + devopsRequests().get(0).path() + "?" + devopsRequests().get(0).query());
        RecordedRequest post = devopsRequests().stream().filter(r -> r.method().equals("POST")).findFirst()
                .orElseThrow();
        JsonNode body = JSON.readTree(post.body());
        assertEquals("multi-branch-pipeline", body.at("/spec/type").asText());
        JsonNode mb = body.at("/spec/multi_branch_pipeline");
        assertEquals(name, mb.path("name").asText());
        assertEquals("git", mb.path("source_type").asText());
        assertEquals("Jenkinsfile", mb.path("script_path").asText());
        assertEquals("https://github.com/kubesphere/devops-maven-sample.git", mb.at("/git_source/url").asText());
        assertEquals("gitlab-token", mb.at("/git_source/credential_id").asText());
        assertTrue(mb.at("/git_source/discover_branches").asBoolean());
        assertTrue(mb.at("/git_source/discover_tags").asBoolean());
        assertTrue(body.at("/spec/pipeline").isMissingNode());
    }

    @Test
    void createChecksTheFieldsOfTheTypeBeforeSending() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            CallToolResult noJenkinsfile = mcp.call("create_pipeline", args("devops_project", "stone-devops",
                    "pipeline", "x1"));
            assertTrue(noJenkinsfile.isError());
            assertThat(text(noJenkinsfile), containsString("jenkinsfile is required"));

            CallToolResult noUrl = mcp.call("create_pipeline", args("devops_project", "stone-devops",
                    "pipeline", "x2", "type", "multi-branch-pipeline", "jenkinsfile", JENKINSFILE));
            assertTrue(noUrl.isError());
            assertThat(text(noUrl), containsString("git_url is required"));
            assertThat(text(noUrl), containsString("jenkinsfile does not apply"));

            CallToolResult mixed = mcp.call("create_pipeline", args("devops_project", "stone-devops",
                    "pipeline", "x3", "jenkinsfile", JENKINSFILE, "git_url", "https://example.com/r.git",
                    "script_path", "ci/Jenkinsfile"));
            assertTrue(mixed.isError());
            assertThat(text(mixed), containsString("git_url, script_path apply only to type multi-branch-pipeline"));

            CallToolResult badType = mcp.call("create_pipeline", args("devops_project", "stone-devops",
                    "pipeline", "x4", "type", "freestyle", "jenkinsfile", JENKINSFILE));
            assertTrue(badType.isError());

            CallToolResult badName = mcp.call("create_pipeline", args("devops_project", "stone-devops",
                    "pipeline", "../x", "jenkinsfile", JENKINSFILE));
            assertTrue(badName.isError());
            assertThat(text(badName), containsString("DNS-1123"));

            CallToolResult badParam = mcp.call("create_pipeline", args("devops_project", "stone-devops",
                    "pipeline", "x5", "jenkinsfile", JENKINSFILE, "parameters", List.of(Map.of("name", "1 bad"))));
            assertTrue(badParam.isError());
            assertThat(text(badParam), containsString("parameters[0].name"));
        }
        assertThat(devopsRequests(), empty());
    }

    @Test
    void runPipelineWithParametersAndFollowItToTheLog() throws Exception {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            CallToolResult run = mcp.call("run_pipeline", args("devops_project", "stone-devops", "pipeline", "build",
                    "parameters", Map.of("TAG", "v2")));
            assertFalse(run.isError(), text(run));
            String name = (String) structured(run).get("name");
            assertThat(name, startsWith("build-"));
            assertEquals("Pending", structured(run).get("phase"));
            assertThat(text(run), containsString("Started run " + name));

            CallToolResult listed = mcp.call("list_pipeline_runs", args("devops_project", "stone-devops",
                    "pipeline", "build"));
            assertFalse(listed.isError(), text(listed));
            assertThat(items(listed).stream().map(i -> i.get("name")).toList(), hasItem(name));

            CallToolResult pending = mcp.call("get_pipeline_run", args("devops_project", "stone-devops", "run", name));
            assertFalse(pending.isError(), text(pending));
            assertEquals("Pending", structured(pending).get("phase"));
            assertEquals(false, structured(pending).get("finished"));
            assertThat(text(pending), containsString("wait_seconds"));

            CallToolResult early = mcp.call("get_pipeline_run_log", args("devops_project", "stone-devops",
                    "pipeline", "build", "run", name));
            assertTrue(early.isError());
            assertThat(text(early), containsString("has not started in Jenkins yet"));
            assertThat(text(early), containsString("wait_seconds"));

            sandbox.simulator().advanceClock(Duration.ofSeconds(5));
            CallToolResult done = mcp.call("get_pipeline_run", args("devops_project", "stone-devops", "run", name));
            assertFalse(done.isError(), text(done));
            Map<String, Object> detail = structured(done);
            assertEquals("Succeeded", detail.get("phase"));
            assertEquals(true, detail.get("finished"));
            assertTrue(detail.containsKey("start_time"));
            assertTrue(detail.containsKey("completion_time"));
            assertTrue(detail.containsKey("jenkins_id"));
            assertEquals(List.of(Map.of("name", "TAG", "value", "v2")), detail.get("parameters"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> stages = (List<Map<String, Object>>) detail.get("stages");
            assertEquals(List.of("Checkout", "Build", "Test"), stages.stream().map(s -> s.get("name")).toList());
            assertEquals("SUCCESS", stages.get(0).get("result"));
            assertEquals("FINISHED", stages.get(0).get("state"));
            assertTrue(((Number) stages.get(0).get("duration_ms")).longValue() > 0);

            CallToolResult log = mcp.call("get_pipeline_run_log", args("devops_project", "stone-devops",
                    "pipeline", "build", "run", name, "tail_lines", 3));
            assertFalse(log.isError(), text(log));
            Map<String, Object> l = structured(log);
            assertEquals(3, ((String) l.get("log")).split("\n").length);
            assertThat((String) l.get("log"), containsString("Finished: SUCCESS"));
            int total = (Integer) l.get("total_lines");
            assertEquals(total - 3, l.get("cut_lines"));
            assertThat(text(log), containsString((total - 3) + " earlier lines cut"));

            CallToolResult wrongPipeline = mcp.call("get_pipeline_run_log", args("devops_project", "stone-devops",
                    "pipeline", "service-mb", "run", name));
            assertTrue(wrongPipeline.isError());
            assertThat(text(wrongPipeline), containsString("belongs to pipeline build"));
        }
        RecordedRequest post = devopsRequests().stream().filter(r -> r.method().equals("POST")).findFirst()
                .orElseThrow();
        assertEquals(P + "/pipelines/build/pipelineruns", post.path());
        assertEquals("{\"parameters\":[{\"name\":\"TAG\",\"value\":\"v2\"}]}", post.body());
        RecordedRequest list = devopsRequests().stream().filter(r -> r.method().equals("GET")
                && r.path().endsWith("/pipelines/build/pipelineruns")).findFirst().orElseThrow();
        assertThat(list.query(), containsString("backward=false"));
        RecordedRequest logGet = devopsRequests().stream().filter(r -> r.path().endsWith("/log")).findFirst()
                .orElseThrow();
        assertThat(logGet.path(), startsWith(D + "/v1alpha2/namespaces/stone-devops/pipelines/build/runs/"));
        assertEquals("start=0", logGet.query());
        // go-restful matches Accept exactly against the log route's "text/plain; charset=utf-8": only */* fits.
        assertEquals("*/*", logGet.accept());
        assertEquals(200, logGet.status());
        assertThat(devopsRequests().stream().filter(r -> !r.path().endsWith("/log")).map(RecordedRequest::accept)
                .toList(), everyItem(org.hamcrest.Matchers.is("application/json")));
    }

    @Test
    void multiBranchRunNeedsABranchAndIsRefusedBeforeAnyPost() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            CallToolResult refused = mcp.call("run_pipeline", args("devops_project", "stone-devops",
                    "pipeline", "service-mb"));
            assertTrue(refused.isError());
            assertThat(text(refused), containsString("multi-branch pipeline"));
            assertThat(text(refused), containsString("Branches: main, dev, feat/login"));
            assertThat(devopsRequests().stream().map(RecordedRequest::method).toList(), everyItem(
                    org.hamcrest.Matchers.is("GET")));

            CallToolResult plainWithBranch = mcp.call("run_pipeline", args("devops_project", "stone-devops",
                    "pipeline", "build", "branch", "main"));
            assertTrue(plainWithBranch.isError());
            assertThat(text(plainWithBranch), containsString("not a multi-branch pipeline"));
            assertTrue(devopsRequests().stream().noneMatch(r -> r.method().equals("POST")));

            CallToolResult ok = mcp.call("run_pipeline", args("devops_project", "stone-devops",
                    "pipeline", "service-mb", "branch", "dev"));
            assertFalse(ok.isError(), text(ok));
            assertEquals("dev", structured(ok).get("branch"));
            String name = (String) structured(ok).get("name");

            CallToolResult filtered = mcp.call("list_pipeline_runs", args("devops_project", "stone-devops",
                    "pipeline", "service-mb", "branch", "dev"));
            assertFalse(filtered.isError(), text(filtered));
            assertThat(items(filtered).stream().map(i -> i.get("name")).toList(), hasItem(name));

            sandbox.simulator().advanceClock(Duration.ofSeconds(5));
            CallToolResult log = mcp.call("get_pipeline_run_log", args("devops_project", "stone-devops",
                    "pipeline", "service-mb", "run", name));
            assertFalse(log.isError(), text(log));
            assertThat((String) structured(log).get("log"), containsString("Finished: SUCCESS"));
        }
        List<RecordedRequest> posts = devopsRequests().stream().filter(r -> r.method().equals("POST")).toList();
        assertEquals(1, posts.size());
        assertEquals("branch=dev", posts.get(0).query());
        assertTrue(devopsRequests().stream().anyMatch(r -> r.path().endsWith("/pipelines/service-mb/pipelineruns")
                && r.method().equals("GET") && r.query().contains("branch=dev")));
        assertTrue(devopsRequests().stream().anyMatch(r -> r.path().startsWith(
                D + "/v1alpha2/namespaces/stone-devops/pipelines/service-mb/branches/dev/runs/")));
    }

    @Test
    void runParametersMustBeAnObjectOfScalars() throws Exception {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            CallToolResult list = mcp.call("run_pipeline", args("devops_project", "stone-devops", "pipeline", "build",
                    "parameters", List.of("TAG=v1")));
            assertTrue(list.isError());
            assertThat(text(list), containsString("parameters has the wrong type or value (expected a JSON object)"));
            CallToolResult nested = mcp.call("run_pipeline", args("devops_project", "stone-devops",
                    "pipeline", "build", "parameters", Map.of("TAG", Map.of("x", 1), "bad name", "v")));
            assertTrue(nested.isError());
            assertThat(text(nested), containsString("parameter TAG needs a string, number or boolean value"));
            assertThat(text(nested), containsString("parameter name 'bad name'"));
            assertThat(devopsRequests(), empty());

            String declaring = unique("params");
            assertFalse(mcp.call("create_pipeline", args("devops_project", "stone-devops", "pipeline", declaring,
                    "jenkinsfile", JENKINSFILE, "parameters", List.of(Map.of("name", "DEBUG", "type", "boolean"),
                            Map.of("name", "RETRIES")))).isError());
            CallToolResult scalars = mcp.call("run_pipeline", args("devops_project", "stone-devops",
                    "pipeline", declaring, "parameters", Map.of("DEBUG", true, "RETRIES", 3)));
            assertFalse(scalars.isError(), text(scalars));

        }
        RecordedRequest post = devopsRequests().stream().filter(r -> r.method().equals("POST")
                && r.path().endsWith("/pipelineruns")).findFirst().orElseThrow();
        assertEquals("{\"parameters\":[{\"name\":\"DEBUG\",\"value\":\"true\"},{\"name\":\"RETRIES\","
                + "\"value\":\"3\"}]}", post.body());
    }

    @Test
    void credentialsShowNamesTypesAndDescriptionsOnly() throws Exception {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            CallToolResult r = mcp.call("list_credentials", args("devops_project", "stone-devops"));
            assertFalse(r.isError(), text(r));
            List<Map<String, Object>> items = items(r);
            assertEquals(List.of("deploy-key", "gitlab-token"),
                    items.stream().map(i -> (String) i.get("name")).sorted().toList());
            Map<String, Object> gitlab = items.stream().filter(i -> i.get("name").equals("gitlab-token")).findFirst()
                    .orElseThrow();
            assertEquals(Map.of("name", "gitlab-token", "type", "basic-auth", "description",
                    "GitLab account for the stone repositories"), gitlab);
            String everything = JSON.writeValueAsString(structured(r)) + text(r);
            for (String secret : List.of("glpat-sim-3kX9vQ7rT2mW8yZ4", "OPENSSH", "simulated",
                    b64("glpat-sim-3kX9vQ7rT2mW8yZ4"), b64("stoneshi"), "registry-config", "dockerconfigjson")) {
                assertFalse(everything.contains(secret), "leaked: " + secret);
            }
            assertThat(text(r), containsString("gitlab-token (basic-auth)"));
            assertNull(gitlab.get("data"));
        }
        assertEquals(P + "/credentials", devopsRequests().get(0).path());
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
