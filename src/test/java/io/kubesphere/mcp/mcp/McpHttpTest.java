package io.kubesphere.mcp.mcp;

import io.kubesphere.mcp.sandbox.RecordedRequest;
import io.kubesphere.mcp.support.SandboxTest;
import io.kubesphere.mcp.support.McpTestClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.Map;

import static io.kubesphere.mcp.support.McpTestClient.structured;
import static io.kubesphere.mcp.support.McpTestClient.text;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The first tools end to end: official SDK client → streamable HTTP → server → KubeSphere client → simulator. */
@QuarkusTest
class McpHttpTest extends SandboxTest {

    private List<String> paths() {
        return sandbox.simulator().requests().stream().map(RecordedRequest::path).toList();
    }

    @Test
    void initializeNegotiatesTheNewestProtocolAndDeclaresTools() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            McpSchema.InitializeResult init = mcp.sdk().getCurrentInitializationResult();
            assertEquals("2025-11-25", init.protocolVersion());
            assertEquals("kubesphere-mcp-server", init.serverInfo().name());
            assertNotNull(init.capabilities().tools());
            assertThat(init.instructions(), containsString("whoami"));
        }
        assertThat("initialize makes no KubeSphere call", paths(), empty());
    }

    @Test
    void toolsCarryTitlesAnnotationsAndSchemas() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            List<McpSchema.Tool> tools = mcp.tools();
            assertThat(tools.stream().map(McpSchema.Tool::name).toList(),
                    hasItems("whoami", "list_clusters", "list_workspaces", "get_workspace"));
            for (McpSchema.Tool tool : tools) {
                assertFalse(tool.title().isBlank(), tool.name());
                assertFalse(tool.outputSchema().isEmpty(), tool.name());
                // No tool deletes; the two that end a running build, and disabling a user (it locks them out), say
                // they are destructive.
                assertEquals(Set.of("stop_pipeline_run", "submit_pipeline_input", "set_user_state")
                        .contains(tool.name()), tool.annotations().destructiveHint(), tool.name());
                assertNotNull(tool.annotations().readOnlyHint(), tool.name());
                assertNotNull(tool.annotations().idempotentHint(), tool.name());
                // Open world where Jenkins fetches a repository or runs a pipeline's code; the rest stays in KubeSphere.
                assertEquals(OPEN_WORLD.contains(tool.name()), tool.annotations().openWorldHint(), tool.name());
            }
            McpSchema.Tool get = tools.stream().filter(t -> t.name().equals("get_workspace")).findFirst().orElseThrow();
            assertEquals(List.of("workspace"), get.inputSchema().get("required"));
            assertEquals(false, get.inputSchema().get("additionalProperties"));
        }
    }

    static final java.util.Set<String> OPEN_WORLD = java.util.Set.of("create_pipeline", "run_pipeline",
            "rerun_pipeline_run", "submit_pipeline_input", "scan_pipeline_repository");

    @Test
    @SuppressWarnings("unchecked")
    void whoamiNamesTheUserRoleAndWorkspaces() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            CallToolResult result = mcp.call("whoami", Map.of());
            assertFalse(result.isError(), text(result));
            assertThat(structured(result), hasEntry("username", (Object) "admin"));
            assertThat(structured(result), hasEntry("platform_role", (Object) "platform-admin"));
            assertThat((List<Object>) structured(result).get("workspaces"), hasItems((Object) "stone", "demo"));
            assertThat(text(result), containsString("platform-admin"));
        }
        // (no /oauth/token here when an earlier test already logged in: the token is reused)
        assertThat(paths(), hasItems("/kapis/iam.kubesphere.io/v1beta1/users/admin",
                "/kapis/tenant.kubesphere.io/v1beta1/workspacetemplates"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void listClustersShowsTheHostCluster() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            CallToolResult result = mcp.call("list_clusters", Map.of());
            assertFalse(result.isError(), text(result));
            List<Map<String, Object>> items = (List<Map<String, Object>>) structured(result).get("items");
            Map<String, Object> host = items.stream().filter(c -> "host".equals(c.get("name"))).findFirst().orElseThrow();
            assertEquals(true, host.get("host"));
            assertEquals(true, host.get("ready"));
        }
    }

    @Test
    void listWorkspacesPagesAndFiltersOnTheServer() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            CallToolResult page = mcp.call("list_workspaces", Map.of("limit", 1));
            assertEquals(1, structured(page).get("limit"));
            assertEquals(1, structured(page).get("page"));
            assertEquals(true, structured(page).get("has_more"));
            assertThat((List<?>) structured(page).get("items"), hasSize(1));

            sandbox.simulator().clearRequests();
            CallToolResult filtered = mcp.call("list_workspaces", Map.of("name", "sto"));
            assertThat(text(filtered), containsString("stone"));
            assertEquals(1, structured(filtered).get("total"));
            assertEquals(false, structured(filtered).get("has_more"));
        }
        RecordedRequest sent = sandbox.simulator().requests().stream()
                .filter(r -> r.path().endsWith("/workspacetemplates")).findFirst().orElseThrow();
        assertThat(sent.query(), containsString("name=sto"));
        assertThat(sent.query(), containsString("page=1"));
        assertThat(sent.query(), containsString("limit=20"));
    }

    @Test
    void getWorkspaceProjectsTheTemplate() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            CallToolResult result = mcp.call("get_workspace", Map.of("workspace", "stone"));
            assertFalse(result.isError(), text(result));
            assertEquals("stone", structured(result).get("name"));
            assertEquals("admin", structured(result).get("manager"));
            assertEquals(List.of("host"), structured(result).get("clusters"));
        }
    }

    @Test
    void missingWorkspaceIsAnActionableError() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            CallToolResult result = mcp.call("get_workspace", Map.of("workspace", "no-such-ws"));
            assertTrue(result.isError());
            assertThat(text(result), containsString("Not found"));
            assertThat(text(result), containsString("no-such-ws"));
            assertThat(text(result), containsString("list tools"));
        }
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyRequest() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            for (String hostile : List.of("../x", "a/b", "%2e%2e", "Stone", "x".repeat(300), "")) {
                CallToolResult result = mcp.call("get_workspace", Map.of("workspace", hostile));
                assertTrue(result.isError(), hostile);
                assertThat(hostile, text(result), containsString("workspace must be a DNS-1123 label"));
            }
            assertThat(text(mcp.call("get_workspace", Map.of())), containsString("workspace"));
            CallToolResult unknown = mcp.call("get_workspace", Map.of("workspace", "stone", "namespace", "x"));
            assertThat(text(unknown), containsString("Unknown parameter 'namespace'"));
            assertThat(text(mcp.call("list_workspaces", Map.of("limit", 500))), containsString("limit"));
            assertThat(text(mcp.call("list_workspaces", Map.of("page", "first"))),
                    containsString("page has the wrong type or value (expected an integer)"));
        }
        assertThat("nothing may reach KubeSphere", paths(), empty());
    }

    @Test
    void unknownToolIsAProtocolError() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            Exception e = assertThrows(Exception.class, () -> mcp.call("delete_workspace", Map.of()));
            assertThat(e.getMessage(), containsString("Unknown tool"));
        }
    }
}
