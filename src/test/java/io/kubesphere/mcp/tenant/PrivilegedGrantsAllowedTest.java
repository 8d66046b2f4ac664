package io.kubesphere.mcp.tenant;

import io.kubesphere.mcp.support.SandboxTest;
import io.kubesphere.mcp.support.McpTestClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.kubesphere.mcp.support.McpTestClient.structured;
import static io.kubesphere.mcp.support.McpTestClient.text;
import static io.kubesphere.mcp.tenant.TenantTestSupport.DECLINE;
import static io.kubesphere.mcp.tenant.TenantTestSupport.IAM;
import static io.kubesphere.mcp.tenant.TenantTestSupport.api;
import static io.kubesphere.mcp.tenant.TenantTestSupport.body;
import static io.kubesphere.mcp.tenant.TenantTestSupport.only;
import static io.kubesphere.mcp.tenant.TenantTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** KS_MCP_ALLOW_PRIVILEGED_GRANTS=true: the operator allowed admin grants up front, so nobody is asked. */
@QuarkusTest
@TestProfile(PrivilegedGrantsAllowedTest.AllowPrivilegedGrants.class)
class PrivilegedGrantsAllowedTest extends SandboxTest {

    public static class AllowPrivilegedGrants implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ks.mcp.allow.privileged.grants", "true");
        }
    }

    @Test
    void adminGrantsGoThroughWithoutElicitation() {
        sandbox.simulator().clearRequests();
        try (McpTestClient plain = McpTestClient.http(root)) {
            CallToolResult created = plain.call("create_user", Map.of("username", "pa-admin", "email",
                    "pa-admin@example.com", "password", "Abcdefg1", "globalrole", "platform-admin"));
            assertFalse(created.isError(), text(created));
            assertEquals("platform-admin", body(only(sandbox, "POST", IAM + "/users"))
                    .at("/metadata/annotations/iam.kubesphere.io~1globalrole").asText());
            assertEquals("platform-admin", structured(created).get("platform_role"));

            sandbox.simulator().clearRequests();
            CallToolResult ws = plain.call("invite_workspace_member", Map.of("workspace", "stone",
                    "username", "pa-admin", "role", "admin"));
            assertFalse(ws.isError(), text(ws));
            assertEquals("stone-admin", body(write(sandbox, "pa-admin", "POST",
                    IAM + "/workspaces/stone/workspacemembers"))
                    .at("/0/roleRef").asText());
        }
        sandbox.simulator().clearRequests();
        // Even a client that would decline is not asked.
        try (McpTestClient declining = McpTestClient.http(root, DECLINE)) {
            CallToolResult r = declining.call("set_project_role", Map.of("cluster", "host", "project",
                    "stone-project", "username", "stoneshi", "role", "admin"));
            assertFalse(r.isError(), text(r));
            assertTrue(declining.elicitations().isEmpty());
            assertEquals(List.of("PUT"), api(sandbox).stream().map(q -> q.method()).toList());
            // Put the seed membership back for other test classes of this profile.
            declining.call("set_project_role", Map.of("cluster", "host", "project", "stone-project",
                    "username", "stoneshi", "role", "viewer"));

            sandbox.simulator().clearRequests();
            CallToolResult managed = declining.call("create_workspace", Map.of("workspace", "pa-managed",
                    "clusters", List.of("host"), "manager", "stoneshi"));
            assertFalse(managed.isError(), text(managed));
            assertTrue(declining.elicitations().isEmpty());
            assertEquals("stoneshi", body(TenantTestSupport.write(sandbox, "stoneshi", "POST",
                    TenantTestSupport.TENANT + "/workspacetemplates"))
                    .at("/spec/template/spec/manager").asText());
        }
    }
}
