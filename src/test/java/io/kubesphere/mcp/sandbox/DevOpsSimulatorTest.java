package io.kubesphere.mcp.sandbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DevOpsSimulatorTest extends SimTestSupport {
    static final String P = D + "/v1alpha3/namespaces/stone-devops";

    @Test
    void devopsProjectsOfWorkspace() throws Exception {
        String stoneshi = login("stoneshi");
        HttpResponse<String> r = get("/clusters/host" + D + "/v1alpha3/workspaces/stone/namespaces", stoneshi);
        assertStatus(200, r);
        JsonNode list = json(r);
        assertEquals(1, list.get("totalItems").asInt());
        assertEquals("stone-devops", list.at("/items/0/metadata/name").asText());
        assertEquals("stone-devops", list.at("/items/0/status/adminNamespace").asText());
        // A workspace without DevOps projects answers the literal null.
        HttpResponse<String> none = get(D + "/v1alpha3/workspaces/demo/namespaces", login("admin"));
        assertStatus(200, none);
        assertEquals("null", none.body());
        assertStatus(403, get(D + "/v1alpha3/workspaces/demo/namespaces", stoneshi));
    }

    @Test
    void pipelinesListCreateAndErrors() throws Exception {
        String stoneshi = login("stoneshi");
        JsonNode list = json(get(P + "/pipelines", stoneshi));
        assertEquals(2, list.get("totalItems").asInt());
        JsonNode mb = json(get(P + "/pipelines?type=multi-branch-pipeline", stoneshi));
        assertEquals(List.of("service-mb"), TenantSimulatorTest.names(mb));
        HttpResponse<String> empty = get(P + "/pipelines?name=zzz", stoneshi);
        assertEquals("{\"items\":null,\"totalItems\":0}", empty.body());

        JsonNode build = json(get(P + "/pipelines/build", stoneshi));
        assertEquals("successful", build.at("/metadata/annotations/pipeline.devops.kubesphere.io~1syncstatus").asText());
        JsonNode meta = JSON.readTree(build.at("/metadata/annotations/pipeline.devops.kubesphere.io~1jenkins-metadata")
                .asText());
        // ks-devops' pipeline.Metadata has no latestRun; Jenkins' parameter definitions are there.
        assertTrue(meta.path("latestRun").isMissingNode(), meta.toString());
        assertEquals(100, meta.path("weatherScore").asInt());
        assertEquals("TAG", meta.at("/parameters/0/name").asText());

        String body = """
                {"apiVersion":"devops.kubesphere.io/v1alpha3","kind":"Pipeline","metadata":{"name":"deploy","namespace":"stone-devops"},
                "spec":{"type":"pipeline","pipeline":{"name":"deploy","jenkinsfile":"pipeline { agent any\\n stages { stage('a') { steps { echo 'hi' } } } }"}}}""";
        HttpResponse<String> created = postJson(P + "/pipelines", stoneshi, body);
        assertStatus(200, created);
        assertEquals("deploy", json(created).at("/metadata/name").asText());
        HttpResponse<String> dup = postJson(P + "/pipelines", stoneshi, body);
        assertStatus(400, dup);
        assertEquals("pipelines.devops.kubesphere.io \"deploy\" already exists\n", dup.body());
        HttpResponse<String> noProject = postJson(D + "/v1alpha3/namespaces/nope/pipelines", login("admin"), body);
        assertStatus(404, noProject);
        assertEquals("devopsprojects.devops.kubesphere.io \"nope\" not found\n", noProject.body());
        assertStatus(404, get(P + "/pipelines/ghost", stoneshi));
        // demo-user has no role in stone-devops.
        assertStatus(403, get(P + "/pipelines", login("demo-user")));
    }

    @Test
    void runProgressesWithTheClock() throws Exception {
        String stoneshi = login("stoneshi");
        HttpResponse<String> r = send("POST", P + "/pipelines/build/pipelineruns", stoneshi, null, null);
        assertStatus(200, r);
        JsonNode run = json(r);
        String name = run.at("/metadata/name").asText();
        assertEquals("build-", run.at("/metadata/generateName").asText());
        assertTrue(name.startsWith("build-"));
        assertEquals("build", run.at("/metadata/labels/devops.kubesphere.io~1pipeline").asText());
        assertEquals("stoneshi", run.at("/metadata/annotations/devops.kubesphere.io~1creator").asText());

        assertEquals("Pending", json(get(P + "/pipelineruns/" + name, stoneshi)).at("/status/phase").asText());
        assertEquals("[]", get(P + "/pipelineruns/" + name + "/nodedetails", stoneshi).body());
        // backward=true (default) hides the run until Jenkins knows it.
        assertEquals(1, json(get(P + "/pipelines/build/pipelineruns", stoneshi)).get("totalItems").asInt());
        assertEquals(2, json(get(P + "/pipelines/build/pipelineruns?backward=false", stoneshi))
                .get("totalItems").asInt());

        sim.advanceClock(Duration.ofMillis(1500));
        JsonNode running = json(get(P + "/pipelineruns/" + name, stoneshi));
        assertEquals("Running", running.at("/status/phase").asText());
        assertEquals("2", running.at("/metadata/annotations/devops.kubesphere.io~1jenkins-pipelinerun-id").asText());
        assertTrue(running.at("/status").has("startTime"));
        HttpResponse<String> partial = get(D + "/v1alpha2/namespaces/stone-devops/pipelines/build/runs/2/log?start=0",
                stoneshi);
        assertStatus(200, partial);
        assertFalse(partial.body().contains("Finished: SUCCESS"));
        assertEquals("true", partial.headers().firstValue("X-More-Data").orElse(null));

        sim.advanceClock(Duration.ofSeconds(2));
        JsonNode done = json(get(P + "/pipelineruns/" + name, stoneshi));
        assertEquals("Succeeded", done.at("/status/phase").asText());
        assertTrue(done.at("/status").has("completionTime"));
        assertEquals("Succeeded", done.at("/status/conditions/0/type").asText());
        JsonNode nodes = json(get(P + "/pipelineruns/" + name + "/nodedetails", stoneshi));
        assertEquals(List.of("Checkout", "Build", "Test"),
                List.of(nodes.at("/0/displayName").asText(), nodes.at("/1/displayName").asText(),
                        nodes.at("/2/displayName").asText()));
        for (JsonNode n : nodes) {
            assertEquals("FINISHED", n.get("state").asText());
            assertEquals("SUCCESS", n.get("result").asText());
            assertTrue(n.get("steps").size() > 0);
        }
        HttpResponse<String> log = get(D + "/v1alpha2/namespaces/stone-devops/pipelines/build/runs/2/log?start=0",
                stoneshi);
        assertTrue(log.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String[] lines = log.body().split("\n");
        assertTrue(lines.length >= 30, "lines: " + lines.length);
        assertEquals("Finished: SUCCESS", lines[lines.length - 1]);
        assertTrue(log.body().contains("+ make build"));
        assertEquals(2, json(get(P + "/pipelines/build/pipelineruns", stoneshi)).get("totalItems").asInt());
    }

    @Test
    void runProgressesInRealTimeToo() throws Exception {
        String admin = login("admin");
        String name = json(postJson(P + "/pipelines/build/pipelineruns", admin,
                "{\"parameters\":[{\"name\":\"TAG\",\"value\":\"v1\"}]}")).at("/metadata/name").asText();
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100)).until(() ->
                "Running".equals(json(get(P + "/pipelineruns/" + name, admin)).at("/status/phase").asText()));
        assertEquals("v1", json(get(P + "/pipelineruns/" + name, admin)).at("/spec/parameters/0/value").asText());
    }

    @Test
    void multiBranchNeedsBranch() throws Exception {
        String stoneshi = login("stoneshi");
        HttpResponse<String> r = send("POST", P + "/pipelines/service-mb/pipelineruns", stoneshi, null, null);
        assertStatus(400, r);
        assertEquals("missing branch name for running a multi-branch Pipeline\n", r.body());
        r = send("POST", P + "/pipelines/service-mb/pipelineruns?branch=dev", stoneshi, null, null);
        assertStatus(200, r);
        assertEquals("dev", json(r).at("/spec/scm/refName").asText());
        sim.advanceClock(Duration.ofSeconds(5));
        assertEquals(1, json(get(P + "/pipelines/service-mb/pipelineruns?branch=dev", stoneshi))
                .get("totalItems").asInt());
        assertEquals(0, json(get(P + "/pipelines/service-mb/pipelineruns?branch=main", stoneshi))
                .get("totalItems").asInt());
        HttpResponse<String> log = get(D + "/v1alpha2/namespaces/stone-devops/pipelines/service-mb/branches/dev/runs/1"
                + "/log?start=0", stoneshi);
        assertStatus(200, log);
        assertTrue(log.body().endsWith("Finished: SUCCESS\n"));
    }

    @Test
    void branchesCarryTheirEscapedNameRawNameAndOwnLatestRun() throws Exception {
        String admin = login("admin");
        // The Jenkins name feat%2Flogin, URL-encoded as a query value.
        HttpResponse<String> r = send("POST", P + "/pipelines/service-mb/pipelineruns?branch=feat%252Flogin", admin,
                null, null);
        assertStatus(200, r);
        assertEquals("feat%2Flogin", json(r).at("/spec/scm/refName").asText());
        sim.advanceClock(Duration.ofSeconds(5));
        JsonNode mb = json(get(P + "/pipelines/service-mb", admin));
        JsonNode branches = JSON.readTree(mb.at("/metadata/annotations/pipeline.devops.kubesphere.io~1jenkins-branches")
                .asText());
        JsonNode feat = branches.get(2);
        assertEquals("feat%2Flogin", feat.get("name").asText());
        assertEquals("feat/login", feat.get("rawName").asText());
        assertEquals("1", feat.at("/latestRun/id").asText());
        assertEquals("SUCCESS", feat.at("/latestRun/result").asText());
        assertTrue(branches.get(0).path("latestRun").isMissingNode());
        JsonNode meta = JSON.readTree(mb.at("/metadata/annotations/pipeline.devops.kubesphere.io~1jenkins-metadata")
                .asText());
        assertEquals(3, meta.get("totalNumberOfBranches").asInt());
        assertTrue(meta.path("latestRun").isMissingNode());
        // In a path the name must be escaped once more: Go routes on the decoded path, where %2F is a '/'.
        String logs = D + "/v1alpha2/namespaces/stone-devops/pipelines/service-mb/branches/";
        assertStatus(200, get(logs + "feat%252Flogin/runs/1/log?start=0", admin));
        assertStatus(404, get(logs + "feat%2Flogin/runs/1/log?start=0", admin));
    }

    @Test
    void credentialsAreMasked() throws Exception {
        HttpResponse<String> r = get(P + "/credentials", login("stoneshi"));
        assertStatus(200, r);
        JsonNode list = json(r);
        assertEquals(2, list.get("totalItems").asInt());
        assertFalse(r.body().contains("registry-config"));
        for (JsonNode s : list.get("items")) {
            assertTrue(s.get("type").asText().startsWith("credential.devops.kubesphere.io/"));
            JsonNode data = s.get("data");
            data.fieldNames().forEachRemaining(k -> {
                if (!k.equals("username")) {
                    assertEquals("", data.get(k).asText(), k);
                }
            });
            assertFalse(data.get("username").asText().isEmpty());
        }
    }
}
