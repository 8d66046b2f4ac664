package io.kubesphere.mcp.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesphere.mcp.sandbox.RecordedRequest;
import io.kubesphere.mcp.support.SandboxTest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.kubesphere.mcp.support.McpTestClient.ok;
import static io.kubesphere.mcp.support.McpTestClient.structured;
import static io.kubesphere.mcp.support.McpTestClient.text;
import static io.kubesphere.mcp.tenant.TenantTestSupport.TENANT;
import static io.kubesphere.mcp.tenant.TenantTestSupport.api;
import static io.kubesphere.mcp.tenant.TenantTestSupport.body;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** get_workspace_quota and set_workspace_quota against the simulator, as admin. */
@QuarkusTest
class QuotaToolsTest extends SandboxTest {

    static final String QUOTAS = "/clusters/host" + TENANT + "/workspaces/demo/resourcequotas";

    @Test
    @SuppressWarnings("unchecked")
    void setCreatesThenMergesAndShowsBeforeAndAfter() {
        CallToolResult none = ok(call("get_workspace_quota", Map.of("cluster", "host", "workspace", "demo")));
        assertEquals(false, structured(none).get("exists"));
        assertThat(text(none), containsString("no resource quota"));

        sandbox.simulator().clearRequests();
        CallToolResult first = ok(call("set_workspace_quota", Map.of("cluster", "host", "workspace", "demo",
                "hard", Map.of("limits.cpu", "4", "pods", "20"))));
        List<RecordedRequest> sent = api(sandbox);
        assertEquals(List.of("GET " + QUOTAS + "/demo", "GET " + TENANT + "/workspacetemplates/demo",
                "POST " + QUOTAS), sent.stream().map(r -> r.method() + " " + r.path()).toList());
        JsonNode created = body(sent.get(2));
        assertEquals("demo", created.at("/metadata/name").asText(), "the console's quota name: the workspace's");
        assertEquals("ResourceQuota", created.path("kind").asText());
        assertEquals("20", created.at("/spec/quota/hard/pods").asText());
        assertEquals(true, structured(first).get("created"));
        assertThat(text(first), containsString("limits.cpu unlimited -> 4"));

        sandbox.simulator().clearRequests();
        CallToolResult second = ok(call("set_workspace_quota", Map.of("cluster", "host", "workspace", "demo",
                "hard", Map.of("limits.cpu", "8"))));
        sent = api(sandbox);
        assertEquals(List.of("GET " + QUOTAS + "/demo", "PUT " + QUOTAS + "/demo"),
                sent.stream().map(r -> r.method() + " " + r.path()).toList());
        JsonNode put = body(sent.get(1));
        assertFalse(put.at("/metadata/resourceVersion").asText().isEmpty(), "a full replace needs resourceVersion");
        assertEquals("20", put.at("/spec/quota/hard/pods").asText(), "limits not named are kept");
        assertTrue(put.path("status").isMissingNode());
        assertThat(text(second), containsString("limits.cpu 4 -> 8"));
        Map<String, Object> hard = (Map<String, Object>) structured(second).get("hard");
        assertEquals(Map.of("limits.cpu", "8", "pods", "20"), hard);

        CallToolResult read = ok(call("get_workspace_quota", Map.of("cluster", "host", "workspace", "demo")));
        assertThat(text(read), containsString("limits.cpu 0/8"));
    }

    @Test
    void aMissingWorkspaceGetsNoQuota() {
        CallToolResult r = call("set_workspace_quota", Map.of("cluster", "host", "workspace", "no-such-ws",
                "hard", Map.of("pods", "1")));
        assertTrue(r.isError());
        assertThat(text(r), containsString("There is no workspace 'no-such-ws'"));
        assertTrue(api(sandbox).stream().noneMatch(q -> q.method().equals("POST")));
    }

    @Test
    void hostileValuesAreRefusedBeforeAnyRequest() {
        List<Map<String, Object>> hostile = List.of(
                Map.of("cluster", "host", "workspace", "demo", "hard", Map.of("limits.cpu", "-1")),
                Map.of("cluster", "host", "workspace", "demo", "hard", Map.of("limits.cpu", "4 cores")),
                Map.of("cluster", "host", "workspace", "demo", "hard", Map.of("limits.cpu", "1".repeat(65))),
                Map.of("cluster", "host", "workspace", "demo", "hard", Map.of("../pods", "1")),
                Map.of("cluster", "host", "workspace", "demo", "hard", Map.of("Limits.CPU", "1")),
                Map.of("cluster", "host", "workspace", "demo", "hard", Map.of()),
                Map.of("cluster", "host", "workspace", "demo", "hard", many()),
                Map.of("cluster", "host", "workspace", "../demo", "hard", Map.of("pods", "1")),
                Map.of("cluster", "host/x", "workspace", "demo", "hard", Map.of("pods", "1")));
        for (Map<String, Object> args : hostile) {
            CallToolResult r = call("set_workspace_quota", args);
            assertTrue(r.isError(), args::toString);
            assertThat(text(r), containsString("must"));
        }
        CallToolResult r = call("get_workspace_quota", Map.of("cluster", "host", "workspace", "demo%2F.."));
        assertTrue(r.isError());
        assertThat(api(sandbox), empty());
    }

    private static Map<String, String> many() {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < 31; i++) {
            out.put("count/r" + i, "1");
        }
        return out;
    }
}
