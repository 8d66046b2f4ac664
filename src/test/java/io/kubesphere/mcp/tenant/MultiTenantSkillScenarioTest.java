package io.kubesphere.mcp.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesphere.mcp.support.SandboxTest;
import io.kubesphere.mcp.sandbox.RecordedRequest;
import io.kubesphere.mcp.support.McpTestClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.kubesphere.mcp.support.McpTestClient.structured;
import static io.kubesphere.mcp.support.McpTestClient.text;
import static io.kubesphere.mcp.tenant.TenantTestSupport.IAM;
import static io.kubesphere.mcp.tenant.TenantTestSupport.TENANT;
import static io.kubesphere.mcp.tenant.TenantTestSupport.body;
import static io.kubesphere.mcp.tenant.TenantTestSupport.checkedWrite;
import static io.kubesphere.mcp.tenant.TenantTestSupport.only;
import static io.kubesphere.mcp.tenant.TenantTestSupport.write;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The ten acceptance prompts of KubeSphere's multi-tenant management skill, in order, as one agent session would
 * run them against a fresh platform (logged in as admin). Each step checks the request KubeSphere received.
 */
@QuarkusTest
class MultiTenantSkillScenarioTest extends SandboxTest {

    static final String PASSWORD = "Demo@123456";

    private CallToolResult step(McpTestClient mcp, String tool, Map<String, Object> args) {
        sandbox.simulator().clearRequests();
        CallToolResult result = mcp.call(tool, args);
        assertFalse(Boolean.TRUE.equals(result.isError()), () -> tool + " failed: " + text(result));
        assertThat(text(result), not(containsString(PASSWORD)));
        assertThat(String.valueOf(result.structuredContent()), not(containsString(PASSWORD)));
        return result;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(CallToolResult result) {
        return (List<Map<String, Object>>) structured(result).get("items");
    }

    @Test
    void theTenPromptsOfTheSkill() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            // 1. Create workspace demo-workspace on host, managed by admin.
            CallToolResult ws = step(mcp, "create_workspace", Map.of("workspace", "demo-workspace",
                    "clusters", List.of("host"), "manager", "admin"));
            JsonNode template = body(only(sandbox, "POST", TENANT + "/workspacetemplates"));
            assertEquals("demo-workspace", template.at("/metadata/name").asText());
            assertEquals("admin", template.at("/metadata/annotations/kubesphere.io~1creator").asText());
            assertEquals("admin", template.at("/spec/template/metadata/annotations/kubesphere.io~1creator").asText());
            assertEquals("admin", template.at("/spec/template/spec/manager").asText());
            assertEquals("host", template.at("/spec/placement/clusters/0/name").asText());
            assertEquals("demo-workspace", structured(ws).get("name"));

            // 2. Create project demo-project in it on cluster host.
            step(mcp, "create_project", Map.of("cluster", "host", "workspace", "demo-workspace",
                    "project", "demo-project"));
            JsonNode namespace = body(checkedWrite(sandbox, TENANT + "/workspacetemplates/demo-workspace", "POST",
                    "/clusters/host" + TENANT + "/workspaces/demo-workspace/namespaces"));
            assertEquals("demo-project", namespace.at("/metadata/name").asText());
            assertEquals("demo-workspace", namespace.at("/metadata/labels/kubesphere.io~1workspace").asText());
            assertEquals("true", namespace.at("/metadata/labels/kubesphere.io~1managed").asText());
            assertEquals("admin", namespace.at("/metadata/annotations/kubesphere.io~1creator").asText());

            // 3. Create user developer01.
            CallToolResult user = step(mcp, "create_user", Map.of("username", "developer01",
                    "email", "developer01@example.com", "password", PASSWORD));
            JsonNode userBody = body(only(sandbox, "POST", IAM + "/users"));
            assertEquals("developer01", userBody.at("/metadata/name").asText());
            assertEquals("platform-regular", userBody.at("/metadata/annotations/iam.kubesphere.io~1globalrole").asText());
            assertEquals("true", userBody.at("/metadata/annotations/iam.kubesphere.io~1uninitialized").asText());
            assertEquals("admin", userBody.at("/metadata/annotations/kubesphere.io~1creator").asText());
            assertEquals("developer01@example.com", userBody.at("/spec/email").asText());
            assertEquals(PASSWORD, userBody.at("/spec/password").asText());
            assertEquals("platform-regular", structured(user).get("platform_role"));

            // 4. Invite developer01 to the workspace with the default role.
            step(mcp, "invite_workspace_member", Map.of("workspace", "demo-workspace", "username", "developer01"));
            JsonNode wsInvite = body(write(sandbox, "developer01", "POST",
                    IAM + "/workspaces/demo-workspace/workspacemembers"));
            assertEquals("[{\"username\":\"developer01\",\"roleRef\":\"demo-workspace-regular\"}]",
                    wsInvite.toString());

            // 5. Invite developer01 to the project as viewer.
            step(mcp, "invite_project_member", Map.of("cluster", "host", "project", "demo-project",
                    "username", "developer01", "role", "viewer"));
            JsonNode nsInvite = body(write(sandbox, "developer01", "POST",
                    "/clusters/host" + IAM + "/namespaces/demo-project/namespacemembers"));
            assertEquals("[{\"username\":\"developer01\",\"roleRef\":\"viewer\"}]", nsInvite.toString());

            // 6. List workspaces.
            CallToolResult workspaces = step(mcp, "list_workspaces", Map.of());
            only(sandbox, "GET", TENANT + "/workspacetemplates");
            assertThat(items(workspaces).stream().map(i -> i.get("name")).toList(), hasItem("demo-workspace"));

            // 7. List users.
            CallToolResult users = step(mcp, "list_users", Map.of());
            only(sandbox, "GET", IAM + "/users");
            assertThat(items(users).stream().map(i -> i.get("username")).toList(), hasItem("developer01"));

            // 8. List the workspace's members.
            CallToolResult wsMembers = step(mcp, "list_workspace_members", Map.of("workspace", "demo-workspace"));
            only(sandbox, "GET", IAM + "/workspaces/demo-workspace/workspacemembers");
            assertThat(items(wsMembers), hasItem(Map.of("username", "developer01", "role", "demo-workspace-regular",
                    "built_in_role", "regular")));
            assertThat(items(wsMembers), hasItem(Map.of("username", "admin", "role", "demo-workspace-admin",
                    "built_in_role", "admin")));

            // 9. List the project's members.
            CallToolResult nsMembers = step(mcp, "list_project_members", Map.of("cluster", "host",
                    "project", "demo-project"));
            RecordedRequest listNs = only(sandbox, "GET",
                    "/clusters/host" + IAM + "/namespaces/demo-project/namespacemembers");
            assertEquals(200, listNs.status());
            assertThat(items(nsMembers), hasItem(Map.of("username", "developer01", "role", "viewer",
                    "built_in_role", "viewer")));
            assertThat(items(nsMembers), hasItem(Map.of("username", "admin", "role", "admin",
                    "built_in_role", "admin")));

            // 10. Get developer01.
            CallToolResult dev = step(mcp, "get_user", Map.of("username", "developer01"));
            only(sandbox, "GET", IAM + "/users/developer01");
            assertEquals(Map.of("username", "developer01", "email", "developer01@example.com",
                    "platform_role", "platform-regular", "state", "Active"),
                    Map.of("username", structured(dev).get("username"), "email", structured(dev).get("email"),
                            "platform_role", structured(dev).get("platform_role"),
                            "state", structured(dev).get("state")));
        }
    }
}
