package io.kubesphere.mcp.mcp;

import io.kubesphere.mcp.support.McpTestClient;
import io.kubesphere.mcp.support.SandboxHttpProfile;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.kubesphere.mcp.support.McpTestClient.structured;
import static io.kubesphere.mcp.support.McpTestClient.text;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built artifact (jar here, native executable under -Dnative) over streamable HTTP on the simulator: what a
 * service deployment is checked for. The launched server is shared with the other integration suites.
 */
@QuarkusIntegrationTest
@TestProfile(SandboxHttpProfile.class)
class McpHttpIT {

    @TestHTTPResource("/")
    URI root;

    @Test
    void healthProbesAnswerOnTheirRealPaths() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String probe : List.of("/q/health/live", "/q/health/ready")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(root.resolve(probe)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), probe + ": " + response.body());
            assertThat(probe, response.body(), containsString("\"UP\""));
        }
    }

    @Test
    void listsToolsAndReadsAndWrites() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            assertEquals("kubesphere-mcp-server", mcp.sdk().getCurrentInitializationResult().serverInfo().name());
            assertThat(mcp.tools().stream().map(t -> t.name()).toList(),
                    hasItems("whoami", "list_workspaces", "create_workspace", "run_pipeline"));

            CallToolResult read = mcp.call("list_workspaces", Map.of());
            assertFalse(read.isError(), text(read));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) structured(read).get("items");
            assertThat(items.stream().map(w -> w.get("name")).toList(), hasItems("stone", "demo"));

            String workspace = "it-" + UUID.randomUUID().toString().substring(0, 8);
            CallToolResult write = mcp.call("create_workspace", Map.of("workspace", workspace, "clusters", List.of("host")));
            assertFalse(write.isError(), text(write));
            CallToolResult after = mcp.call("get_workspace", Map.of("workspace", workspace));
            assertFalse(after.isError(), text(after));

            CallToolResult bad = mcp.call("get_workspace", Map.of("workspace", "../etc"));
            assertTrue(bad.isError(), "an unsafe name is refused");
        }
    }

    @Test
    void anAdminGrantAsksThePerson() {
        try (McpTestClient mcp = McpTestClient.http(root,
                request -> new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("confirm", true)))) {
            CallToolResult granted = mcp.call("invite_workspace_member",
                    Map.of("workspace", "demo", "username", "stoneshi", "role", "admin"));
            assertFalse(granted.isError(), text(granted));
            assertEquals(1, mcp.elicitations().size());
            assertThat(mcp.elicitations().get(0).message(), containsString("stoneshi"));
        }
    }

    @Test
    void waitingForARunSendsProgress() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            CallToolResult run = mcp.call("run_pipeline", Map.of("devops_project", "stone-devops", "pipeline", "build"));
            assertFalse(run.isError(), text(run));
            CallToolResult followed = mcp.callWithProgress("get_pipeline_run", Map.of("devops_project", "stone-devops",
                    "run", structured(run).get("name"), "wait_seconds", 30), "http-progress");
            assertFalse(followed.isError(), text(followed));
            assertEquals("Succeeded", structured(followed).get("phase"));
            assertThat(mcp.progress().stream().map(p -> p.progressToken()).toList(), hasItem("http-progress"));
        }
    }
}
