package io.kubesphere.mcp.auth;

import io.kubesphere.mcp.support.LaunchedServer;
import io.kubesphere.mcp.support.McpTestClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static io.kubesphere.mcp.support.McpTestClient.structured;
import static io.kubesphere.mcp.support.McpTestClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The built artifact with KS_MCP_AUTH=passthrough: a session acts as the person whose KubeSphere token it carries. */
@QuarkusIntegrationTest
@TestProfile(PassthroughIT.Profile.class)
class PassthroughIT {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ks.mcp.sandbox", "true", "ks.mcp.transport", "http", "ks.mcp.auth", "passthrough");
        }
    }

    @TestHTTPResource("/")
    URI root;

    @Test
    void aSessionActsAsItsCaller() throws Exception {
        HttpResponse<String> anonymous = Callers.post(root, null, null, Callers.INITIALIZE);
        assertEquals(401, anonymous.statusCode(), anonymous.body());

        String token = Callers.token(LaunchedServer.simulatorUrl(), "stoneshi");
        try (McpTestClient mcp = Callers.client(root, () -> token)) {
            CallToolResult who = mcp.call("whoami", Map.of());
            assertFalse(who.isError(), text(who));
            assertEquals("stoneshi", structured(who).get("username"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) structured(mcp.call("list_workspaces", Map.of()))
                    .get("items");
            assertEquals(List.of("stone"), items.stream().map(w -> w.get("name")).toList());
        }
    }
}
