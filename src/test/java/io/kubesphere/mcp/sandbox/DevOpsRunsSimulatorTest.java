package io.kubesphere.mcp.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Jenkins proxy's build controls: input steps, stop, step logs, artifacts (ks-devops v1alpha2). */
class DevOpsRunsSimulatorTest extends SimTestSupport {
    static final String P = D + "/v1alpha3/namespaces/stone-devops";
    static final String V2 = D + "/v1alpha2/namespaces/stone-devops/pipelines/gate";

    private String pausedRun(String admin) throws Exception {
        String jf = "pipeline { agent any\\n stages {\\n stage('gate') { steps { input(message: 'Go?', "
                + "submitter: 'admin')\\n echo 'after' } }\\n stage('build') { steps { sh 'make'\\n "
                + "archiveArtifacts 'out/*.jar' } } } }";
        if (sim.world().pipelines.get("stone-devops").get("gate") == null) {
            assertStatus(200, postJson(P + "/pipelines", admin, "{\"metadata\":{\"name\":\"gate\",\"annotations\":"
                    + "{\"kubesphere.io/creator\":\"admin\"}},\"spec\":{\"type\":\"pipeline\",\"pipeline\":{\"name\":"
                    + "\"gate\",\"jenkinsfile\":\"" + jf + "\"}}}"));
        }
        String run = json(postJson(P + "/pipelines/gate/pipelineruns", admin, "{}")).at("/metadata/name").asText();
        sim.advanceClock(Duration.ofSeconds(5));
        return run;
    }

    @Test
    void aPausedInputIsPendingAndOnlyItsSubmittersMayAnswer() throws Exception {
        String admin = login("admin");
        String run = pausedRun(admin);
        JsonNode view = json(get(P + "/pipelineruns/" + run, admin));
        assertEquals("Pending", view.at("/status/phase").asText());
        assertEquals("PAUSED", view.at("/status/conditions/0/reason").asText());
        JsonNode nodes = json(get(P + "/pipelineruns/" + run + "/nodedetails", admin));
        JsonNode step = nodes.at("/0/steps/0");
        assertEquals("PAUSED", step.path("state").asText());
        assertTrue(step.path("approvable").asBoolean(), "v1alpha3 marks every step approvable");
        // Jenkins' default input id: the capitalised MD5 of the message.
        assertEquals("Fc1d9d3aa5c1b8b6d8f2a9bc79b1bd5c".length(), step.at("/input/id").asText().length());
        String node = nodes.at("/0/id").asText();
        String stepId = step.path("id").asText();
        String submit = V2 + "/runs/1/nodes/" + node + "/steps/" + stepId;
        String body = "{\"id\":\"" + step.at("/input/id").asText() + "\"}";

        // stoneshi may run pipelines but is neither the creator nor a submitter: 200 with allow=false.
        HttpResponse<String> refused = postJson(submit, login("stoneshi"), body);
        assertStatus(200, refused);
        assertEquals("false", JSON.readTree(refused.body()).path("allow").asText());
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));

        // The route produces text/plain; charset=utf-8 only: a JSON Accept is 406.
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + submit))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertStatus(406, json);

        assertStatus(404, postJson(submit, admin, "{\"id\":\"wrong\"}"));
        HttpResponse<String> ok = postJson(submit, admin, body);
        assertStatus(200, ok);
        assertEquals("", ok.body());
        sim.advanceClock(Duration.ofSeconds(5));
        assertEquals("Succeeded", json(get(P + "/pipelineruns/" + run, admin)).at("/status/phase").asText());
        JsonNode artifacts = json(get(V2 + "/runs/1/artifacts", admin));
        assertEquals("out/devops-sample-0.0.1-SNAPSHOT.jar", artifacts.at("/0/path").asText());
        HttpResponse<String> stepLog = get(V2 + "/runs/1/nodes/" + node + "/steps/" + stepId + "/log", admin);
        assertStatus(200, stepLog);
        assertTrue(stepLog.body().contains("Approved by admin"), stepLog.body());
    }

    @Test
    void stopAbortsTheBuildWhichKubeSphereShowsAsFailed() throws Exception {
        String admin = login("admin");
        String run = pausedRun(admin);
        HttpResponse<String> stopped = postJson(V2 + "/runs/1/stop?blocking=true", admin, null);
        assertStatus(200, stopped);
        assertEquals("ABORTED", json(stopped).path("result").asText());
        JsonNode view = json(get(P + "/pipelineruns/" + run, admin));
        assertEquals("Failed", view.at("/status/phase").asText());
        assertTrue(get(V2 + "/runs/1/log", admin).body().endsWith("Finished: ABORTED\n"));
        // A build Jenkins does not know (yet) is Jenkins' 404.
        assertStatus(404, postJson(V2 + "/runs/9/stop", admin, null));
    }
}
