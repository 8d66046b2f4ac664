package io.kubesphere.mcp.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesphere.mcp.support.SandboxTest;
import io.kubesphere.mcp.support.McpTestClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitFormRequest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.kubesphere.mcp.support.McpTestClient.text;
import static io.kubesphere.mcp.tenant.TenantTestSupport.ACCEPT;
import static io.kubesphere.mcp.tenant.TenantTestSupport.ACCEPT_UNCHECKED;
import static io.kubesphere.mcp.tenant.TenantTestSupport.CANCEL;
import static io.kubesphere.mcp.tenant.TenantTestSupport.DECLINE;
import static io.kubesphere.mcp.tenant.TenantTestSupport.IAM;
import static io.kubesphere.mcp.tenant.TenantTestSupport.api;
import static io.kubesphere.mcp.tenant.TenantTestSupport.body;
import static io.kubesphere.mcp.tenant.TenantTestSupport.existingUser;
import static io.kubesphere.mcp.tenant.TenantTestSupport.only;
import static io.kubesphere.mcp.tenant.TenantTestSupport.write;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Policy rules 2-4 and the input rules through MCP: every case that must be refused sends nothing to KubeSphere.
 * Rule 2's server-side check (behind the schema's enums) is proven directly in {@link RolesTest}.
 */
@QuarkusTest
class TenantPolicyTest extends SandboxTest {

    static final String PROJECT_MEMBERS = "/clusters/host" + IAM + "/namespaces/stone-project/namespacemembers";

    private void assertRefusedAndNothingSent(CallToolResult result, String... mentions) {
        assertTrue(Boolean.TRUE.equals(result.isError()), () -> "expected a refusal, got " + text(result));
        for (String mention : mentions) {
            assertThat(text(result), containsString(mention));
        }
        assertThat("nothing may reach KubeSphere", api(sandbox), empty());
    }

    // ---------- rule 2: built-in roles only ----------

    @Test
    void customRoleNamesAreRejectedBeforeAnyRequest() {
        try (McpTestClient mcp = McpTestClient.http(root, ACCEPT)) {
            assertRefusedAndNothingSent(mcp.call("invite_workspace_member", Map.of("workspace", "stone",
                    "username", "stoneshi", "role", "stone-pipeline-auditor")), "role");
            assertRefusedAndNothingSent(mcp.call("invite_workspace_member", Map.of("workspace", "demo-workspace",
                    "username", "developer01", "role", "demo-workspace-custom")), "role");
            assertRefusedAndNothingSent(mcp.call("set_workspace_role", Map.of("workspace", "stone",
                    "username", "stoneshi", "role", "stone-regular")), "role");
            assertRefusedAndNothingSent(mcp.call("invite_project_member", Map.of("cluster", "host",
                    "project", "stone-project", "username", "stoneshi", "role", "deployer")), "role");
            assertRefusedAndNothingSent(mcp.call("set_project_role", Map.of("cluster", "host",
                    "project", "stone-project", "username", "stoneshi", "role", "cluster-admin")), "role");
            assertRefusedAndNothingSent(mcp.call("set_platform_role", Map.of("username", "stoneshi",
                    "globalrole", "cluster-admin")), "globalrole");
            assertRefusedAndNothingSent(mcp.call("create_user", Map.of("username", "tp-custom", "email",
                    "tp-custom@example.com", "password", "Abcdefg1", "globalrole", "users-auditor")), "globalrole");
            assertTrue(mcp.elicitations().isEmpty(), "nobody is asked about a role that cannot be granted");
        }
    }

    @Test
    void roleParametersPublishOnlyTheBuiltInRoles() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            Map<String, List<?>> enums = new LinkedHashMap<>();
            mcp.tools().forEach(tool -> {
                Map<String, Object> props = props(tool.inputSchema().get("properties"));
                for (String param : List.of("role", "globalrole")) {
                    if (props.containsKey(param) && !tool.name().equals("list_users")) {
                        enums.put(tool.name(), (List<?>) props(props.get(param)).get("enum"));
                    }
                }
            });
            assertEquals(List.of("platform-regular", "platform-self-provisioner", "platform-admin"),
                    enums.get("create_user"));
            assertEquals(enums.get("create_user"), enums.get("set_platform_role"));
            assertEquals(List.of("viewer", "regular", "self-provisioner", "admin"), enums.get("invite_workspace_member"));
            assertEquals(enums.get("invite_workspace_member"), enums.get("set_workspace_role"));
            assertEquals(List.of("viewer", "operator", "admin"), enums.get("invite_project_member"));
            assertEquals(enums.get("invite_project_member"), enums.get("set_project_role"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> props(Object map) {
        return (Map<String, Object>) map;
    }

    // ---------- rule 4: privileged grants need a person ----------

    @Test
    void privilegedGrantsWithoutElicitationAreRefusedWithAWayForward() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            List<CallToolResult> results = List.of(
                    mcp.call("create_user", Map.of("username", "tp-admin-0", "email", "tp-admin-0@example.com",
                            "password", "Abcdefg1", "globalrole", "platform-admin")),
                    mcp.call("set_platform_role", Map.of("username", "stoneshi", "globalrole", "platform-admin")),
                    mcp.call("invite_workspace_member", Map.of("workspace", "stone", "username", "stoneshi",
                            "role", "admin")),
                    mcp.call("set_workspace_role", Map.of("workspace", "stone", "username", "stoneshi",
                            "role", "admin")),
                    mcp.call("invite_project_member", Map.of("cluster", "host", "project", "stone-project",
                            "username", "stoneshi", "role", "admin")),
                    mcp.call("set_project_role", Map.of("cluster", "host", "project", "stone-project",
                            "username", "stoneshi", "role", "admin")));
            for (CallToolResult r : results) {
                assertRefusedAndNothingSent(r, "KubeSphere console", "KS_MCP_ALLOW_PRIVILEGED_GRANTS=true",
                        "Nothing was sent");
            }
            assertThat(text(results.get(1)), containsString("stoneshi"));
            assertThat(text(results.get(1)), containsString("platform-admin"));
        }
    }

    @Test
    void acceptedWorkspaceAdminGrantIsSentAndThePersonWasToldWhoWhatWhere() {
        try (McpTestClient mcp = McpTestClient.http(root, ACCEPT)) {
            existingUser(mcp, sandbox, "tp-ws-admin");
            CallToolResult r = mcp.call("invite_workspace_member", Map.of("workspace", "stone",
                    "username", "tp-ws-admin", "role", "admin"));
            assertFalse(r.isError(), text(r));
            JsonNode body = body(write(sandbox, "tp-ws-admin", "POST", IAM + "/workspaces/stone/workspacemembers"));
            assertEquals("stone-admin", body.at("/0/roleRef").asText());
            assertEquals(1, mcp.elicitations().size());
            ElicitFormRequest asked = mcp.elicitations().get(0);
            assertThat(asked.message(), containsString("tp-ws-admin"));
            assertThat(asked.message(), containsString("stone-admin"));
            assertThat(asked.message(), containsString("workspace 'stone'"));
            assertThat(String.valueOf(asked.requestedSchema()), containsString("confirm"));
            assertThat(String.valueOf(asked.requestedSchema()), containsString("boolean"));
        }
    }

    @Test
    void acceptedPlatformAdminGrantsAreSent() {
        try (McpTestClient mcp = McpTestClient.http(root, ACCEPT)) {
            CallToolResult created = mcp.call("create_user", Map.of("username", "tp-admin-1",
                    "email", "tp-admin-1@example.com", "password", "Abcdefg1", "globalrole", "platform-admin"));
            assertFalse(created.isError(), text(created));
            JsonNode body = body(only(sandbox, "POST", IAM + "/users"));
            assertEquals("platform-admin", body.at("/metadata/annotations/iam.kubesphere.io~1globalrole").asText());
            assertThat(mcp.elicitations().get(0).message(), containsString("tp-admin-1"));
            assertThat(mcp.elicitations().get(0).message(), containsString("platform-admin"));
            assertThat(mcp.elicitations().get(0).message(), containsString("platform"));

            sandbox.simulator().clearRequests();
            mcp.call("create_user", Map.of("username", "tp-admin-2", "email", "tp-admin-2@example.com",
                    "password", "Abcdefg1"));
            assertEquals(1, mcp.elicitations().size(), "platform-regular needs no confirmation");
            sandbox.simulator().clearRequests();
            CallToolResult promoted = mcp.call("set_platform_role", Map.of("username", "tp-admin-2",
                    "globalrole", "platform-admin"));
            assertFalse(promoted.isError(), text(promoted));
            assertEquals(2, mcp.elicitations().size());
            assertThat(mcp.elicitations().get(1).message(), containsString("tp-admin-2"));
            assertEquals(List.of("GET", "PUT"), api(sandbox).stream().map(r -> r.method()).toList());
        }
    }

    @Test
    void acceptedProjectAdminGrantIsSent() {
        try (McpTestClient mcp = McpTestClient.http(root, ACCEPT)) {
            existingUser(mcp, sandbox, "tp-proj-admin");
            CallToolResult r = mcp.call("invite_project_member", Map.of("cluster", "host", "project",
                    "stone-project", "username", "tp-proj-admin", "role", "admin"));
            assertFalse(r.isError(), text(r));
            assertEquals("admin", body(write(sandbox, "tp-proj-admin", "POST", PROJECT_MEMBERS)).at("/0/roleRef")
                    .asText());
            String message = mcp.elicitations().get(0).message();
            assertThat(message, containsString("tp-proj-admin"));
            assertThat(message, containsString("admin"));
            assertThat(message, containsString("project 'stone-project'"));
            assertThat(message, containsString("cluster 'host'"));
        }
    }

    @Test
    void declinedCancelledOrUncheckedConfirmationsSendNothing() {
        for (var answer : List.of(DECLINE, CANCEL, ACCEPT_UNCHECKED)) {
            sandbox.simulator().clearRequests();
            try (McpTestClient mcp = McpTestClient.http(root, answer)) {
                assertRefusedAndNothingSent(mcp.call("set_workspace_role", Map.of("workspace", "stone",
                        "username", "stoneshi", "role", "admin")), "stoneshi", "Nothing was sent");
                assertRefusedAndNothingSent(mcp.call("set_platform_role", Map.of("username", "stoneshi",
                        "globalrole", "platform-admin")), "Nothing was sent");
                assertRefusedAndNothingSent(mcp.call("set_project_role", Map.of("cluster", "host",
                        "project", "stone-project", "username", "stoneshi", "role", "admin")), "Nothing was sent");
                assertEquals(3, mcp.elicitations().size());
            }
        }
        try (McpTestClient mcp = McpTestClient.http(root, CANCEL)) {
            assertThat(text(mcp.call("set_workspace_role", Map.of("workspace", "stone", "username", "stoneshi",
                    "role", "admin"))), containsString("cancelled"));
        }
    }

    @Test
    void nonPrivilegedGrantsDoNotAskAnybody() {
        try (McpTestClient mcp = McpTestClient.http(root, DECLINE)) {
            existingUser(mcp, sandbox, "tp-viewer");
            CallToolResult r = mcp.call("invite_project_member", Map.of("cluster", "host", "project",
                    "stone-project", "username", "tp-viewer"));
            assertFalse(r.isError(), text(r));
            assertTrue(mcp.elicitations().isEmpty());
            write(sandbox, "tp-viewer", "POST", PROJECT_MEMBERS);
        }
    }

    // ---------- names, email, password ----------

    @Test
    void hostileNamesAreRejectedNamingTheRule() {
        List<String> hostile = List.of("../x", "a/b", "%2e%2e", "Demo", "a".repeat(300), "-x", "x.y");
        try (McpTestClient mcp = McpTestClient.http(root, ACCEPT)) {
            for (String name : hostile) {
                assertRefusedAndNothingSent(mcp.call("create_project", Map.of("cluster", "host",
                        "workspace", "stone", "project", name)), "project", "DNS-1123");
                assertRefusedAndNothingSent(mcp.call("create_workspace", Map.of("workspace", name,
                        "clusters", List.of("host"))), "workspace", "DNS-1123");
                assertRefusedAndNothingSent(mcp.call("create_workspace", Map.of("workspace", "tp-ws",
                        "clusters", List.of("host", name))), "clusters", "DNS-1123");
                assertRefusedAndNothingSent(mcp.call("list_project_members", Map.of("cluster", name,
                        "project", "stone-project")), "cluster", "DNS-1123");
                assertRefusedAndNothingSent(mcp.call("list_roles", Map.of("scope", "workspace",
                        "workspace", name)), "DNS-1123");
                if (!name.equals("x.y")) {
                    assertRefusedAndNothingSent(mcp.call("invite_workspace_member", Map.of("workspace", "stone",
                            "username", name)), "username", "KubeSphere username");
                    assertRefusedAndNothingSent(mcp.call("get_user", Map.of("username", name)),
                            "KubeSphere username");
                    assertRefusedAndNothingSent(mcp.call("create_workspace", Map.of("workspace", "tp-ws",
                            "clusters", List.of("host"), "manager", name)), "manager", "KubeSphere username");
                }
            }
            assertRefusedAndNothingSent(mcp.call("create_user", Map.of("username", "a".repeat(33),
                    "email", "x@example.com", "password", "Abcdefg1")), "KubeSphere username");
            assertTrue(mcp.elicitations().isEmpty());
        }
    }

    @Test
    void passwordPolicyViolationsNeverQuoteThePassword() {
        Map<String, String> cases = Map.of(
                "Ab1xyz", "8 to 64 characters",
                "alllowercase1", "upper-case",
                "ALLUPPERCASE1", "lower-case",
                "NoDigitsHere", "digit",
                "Aa1" + "x".repeat(62), "8 to 64 characters");
        try (McpTestClient mcp = McpTestClient.http(root)) {
            cases.forEach((password, rule) -> {
                CallToolResult r = mcp.call("create_user", Map.of("username", "tp-pw", "email",
                        "tp-pw@example.com", "password", password));
                assertRefusedAndNothingSent(r, "password", rule);
                assertThat(text(r), not(containsString(password)));
            });
            CallToolResult wrongType = mcp.call("create_user", Map.of("username", "tp-pw", "email",
                    "tp-pw@example.com", "password", Map.of("secret", "Hidden-Value-1")));
            assertRefusedAndNothingSent(wrongType, "password");
            assertThat(text(wrongType), not(containsString("Hidden-Value-1")));
        }
    }

    @Test
    void invalidEmailsAreRejected() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            for (String email : List.of("not-an-email", "a@b", "two@@example.com", "sp ace@example.com")) {
                assertRefusedAndNothingSent(mcp.call("create_user", Map.of("username", "tp-mail",
                        "email", email, "password", "Abcdefg1")), "email");
            }
        }
    }

    @Test
    void theCreatorCannotBeChosen() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            assertRefusedAndNothingSent(mcp.call("create_project", Map.of("cluster", "host", "workspace", "stone",
                    "project", "tp-creator", "creator", "stoneshi")), "Unknown parameter 'creator'");
            assertRefusedAndNothingSent(mcp.call("create_workspace", Map.of("workspace", "tp-creator",
                    "clusters", List.of("host"), "creator", "stoneshi")), "Unknown parameter 'creator'");
        }
    }
}
