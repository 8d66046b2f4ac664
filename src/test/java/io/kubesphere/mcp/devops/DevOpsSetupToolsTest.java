package io.kubesphere.mcp.devops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubesphere.mcp.sandbox.RecordedRequest;
import io.kubesphere.mcp.support.McpTestClient;
import io.kubesphere.mcp.support.SandboxTest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.kubesphere.mcp.support.McpTestClient.structured;
import static io.kubesphere.mcp.support.McpTestClient.text;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** create_devops_project, the credential writes and the DevOps project members, as admin on the simulator. */
@QuarkusTest
class DevOpsSetupToolsTest extends SandboxTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String D = "/kapis/devops.kubesphere.io/v1alpha3";

    static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static String unique(String prefix) {
        return prefix + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    /** A workspace of its own, so the seed's workspace stone and project stone-devops stay as other tests expect. */
    static String freshWorkspace(McpTestClient mcp) {
        String ws = unique("ws-");
        CallToolResult r = mcp.call("create_workspace", args("workspace", ws, "clusters", List.of("host")));
        assertFalse(r.isError(), text(r));
        return ws;
    }

    static String freshProject(McpTestClient mcp) {
        CallToolResult r = mcp.call("create_devops_project", args("workspace", freshWorkspace(mcp), "name", "p"));
        assertFalse(r.isError(), text(r));
        return (String) structured(r).get("namespace");
    }

    private McpTestClient confirming() {
        return McpTestClient.http(root, r -> new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("confirm", true)));
    }

    private List<RecordedRequest> sent() {
        return sim().requests().stream().filter(r -> !r.path().startsWith("/oauth")).toList();
    }

    @Test
    void createDevOpsProjectSendsGenerateNameAndReturnsTheGeneratedNamespace() throws Exception {
        String name = unique("team");
        try (McpTestClient mcp = mcp()) {
            String ws = freshWorkspace(mcp);
            sim().clearRequests();
            CallToolResult r = mcp.call("create_devops_project", args("workspace", ws, "name", name,
                    "description", "CI of the team"));
            assertFalse(r.isError(), text(r));
            String ns = (String) structured(r).get("namespace");
            assertThat(ns, matchesPattern(name + "[a-z0-9]{5}"));
            assertThat(text(r), containsString("devops_project=" + ns));

            RecordedRequest post = sent().get(0);
            assertEquals("POST", post.method());
            assertEquals(D + "/workspaces/" + ws + "/namespaces", post.path());
            JsonNode body = JSON.readTree(post.body());
            assertEquals(name, body.path("metadata").path("generateName").asText());
            assertFalse(body.path("metadata").has("name"));
            assertEquals("admin", body.path("metadata").path("annotations").path("kubesphere.io/creator").asText());

            // The namespace it returned is the one the other tools take.
            CallToolResult listed = mcp.call("list_devops_projects", args("workspace", ws));
            assertThat(text(listed), containsString(ns));
            CallToolResult pipelines = mcp.call("list_pipelines", args("devops_project", ns));
            assertFalse(pipelines.isError(), text(pipelines));

            // ks-devops keeps generateName unique in a workspace (409).
            CallToolResult again = mcp.call("create_devops_project", args("workspace", ws, "name", name));
            assertTrue(again.isError());
            assertThat(text(again), containsString("already exists in workspace " + ws));
        }
    }

    @Test
    void credentialsAreCreatedAndReplacedWithoutEverShowingTheSecret() throws Exception {
        String name = unique("git-");
        String password = "pw-" + unique("S3cr3t");
        String newPassword = "pw-" + unique("N3wS3cr3t");
        try (McpTestClient mcp = confirming()) {
            String project = freshProject(mcp);
            sim().clearRequests();
            CallToolResult created = mcp.call("create_credential", args("devops_project", project,
                    "name", name, "type", "basic-auth", "username", "bot", "password", password,
                    "description", "for the mirror"));
            assertFalse(created.isError(), text(created));
            assertFalse(created.toString().contains(password), created.toString());
            assertEquals(List.of("username", "password"), structured(created).get("stored_fields"));

            RecordedRequest post = sent().get(0);
            assertEquals(D + "/namespaces/" + project + "/credentials", post.path());
            JsonNode body = JSON.readTree(post.body());
            assertEquals("credential.devops.kubesphere.io/basic-auth", body.path("type").asText());
            assertEquals(password, new String(Base64.getDecoder().decode(body.path("data").path("password").asText()),
                    StandardCharsets.UTF_8));

            CallToolResult list = mcp.call("list_credentials", args("devops_project", project, "limit", 200));
            assertThat(text(list), containsString(name + " (basic-auth)"));
            assertFalse(list.toString().contains(password));

            CallToolResult dup = mcp.call("create_credential", args("devops_project", project,
                    "name", name, "type", "secret-text", "secret", password));
            assertTrue(dup.isError());
            assertThat(text(dup), containsString("update_credential"));
            assertFalse(dup.toString().contains(password));

            sim().clearRequests();
            CallToolResult updated = mcp.call("update_credential", args("devops_project", project,
                    "name", name, "type", "basic-auth", "username", "bot", "password", newPassword));
            assertFalse(updated.isError(), text(updated));
            assertFalse(updated.toString().contains(newPassword));
            assertEquals(1, mcp.elicitations().size());
            assertThat(mcp.elicitations().get(0).message(), containsString("replace the secret of credential '"
                    + name + "'"));
            List<RecordedRequest> calls = sent();
            assertEquals(List.of("GET", "PUT"), calls.stream().map(RecordedRequest::method).toList());
            JsonNode put = JSON.readTree(calls.get(1).body());
            assertEquals(name, put.path("metadata").path("name").asText());
            // The description was kept: the PUT replaces the whole Secret.
            assertEquals("for the mirror", put.path("metadata").path("annotations")
                    .path("kubesphere.io/description").asText());

            CallToolResult wrongType = mcp.call("update_credential", args("devops_project", project,
                    "name", name, "type", "secret-text", "secret", newPassword));
            assertTrue(wrongType.isError());
            assertThat(text(wrongType), containsString("cannot change"));

            CallToolResult missing = mcp.call("update_credential", args("devops_project", project,
                    "name", unique("nope-"), "type", "secret-text", "secret", newPassword));
            assertTrue(missing.isError());
            assertThat(text(missing), containsString("create_credential"));
        }
    }

    @Test
    void replacingASecretNeedsAPerson() {
        String password = unique("NeverSent");
        try (McpTestClient mcp = mcp()) {
            CallToolResult r = mcp.call("update_credential", args("devops_project", "stone-devops",
                    "name", "gitlab-token", "type", "basic-auth", "username", "x", "password", password));
            assertTrue(r.isError());
            assertThat(text(r), containsString("does not support elicitation"));
            assertThat(text(r), containsString("KubeSphere console"));
        }
        try (McpTestClient mcp = McpTestClient.http(root,
                r -> new ElicitResult(ElicitResult.Action.DECLINE, null))) {
            CallToolResult r = mcp.call("update_credential", args("devops_project", "stone-devops",
                    "name", "gitlab-token", "type", "basic-auth", "username", "x", "password", password));
            assertTrue(r.isError());
            assertThat(text(r), containsString("did not confirm"));
        }
        assertEquals(List.of(), sent());
    }

    @Test
    void credentialFieldsFollowTheType() {
        String secret = unique("Leak");
        try (McpTestClient mcp = confirming()) {
            CallToolResult extra = mcp.call("create_credential", args("devops_project", "stone-devops",
                    "name", "c1", "type", "secret-text", "secret", secret, "password", secret));
            assertTrue(extra.isError());
            assertThat(text(extra), containsString("password does not belong to type secret-text"));
            CallToolResult missing = mcp.call("create_credential", args("devops_project", "stone-devops",
                    "name", "c1", "type", "ssh-auth", "username", "git"));
            assertThat(text(missing), containsString("private_key is required for type ssh-auth"));
            CallToolResult huge = mcp.call("create_credential", args("devops_project", "stone-devops",
                    "name", "c1", "type", "secret-text", "secret", secret.repeat(2000)));
            assertThat(text(huge), containsString("secret is too long"));
            CallToolResult badType = mcp.call("create_credential", args("devops_project", "stone-devops",
                    "name", "c1", "type", "Opaque", "secret", secret));
            assertTrue(badType.isError());
            for (CallToolResult r : List.of(extra, missing, huge, badType)) {
                assertFalse(r.toString().contains(secret), r.toString());
            }
        }
        assertEquals(List.of(), sent());
    }

    @Test
    void hostileNamesNeverReachKubeSphere() {
        List<String> hostile = List.of("../stone", "stone/../../x", "a%2Fb", "UPPER", "x".repeat(64), "a b", "");
        try (McpTestClient mcp = confirming()) {
            for (String bad : hostile) {
                List<Map.Entry<String, Map<String, Object>>> calls = List.of(
                        Map.entry("create_devops_project", args("workspace", bad, "name", "ok")),
                        Map.entry("create_devops_project", args("workspace", "stone", "name", bad)),
                        Map.entry("create_credential", args("devops_project", bad, "name", "c", "type",
                                "secret-text", "secret", "s")),
                        Map.entry("create_credential", args("devops_project", "stone-devops", "name", bad,
                                "type", "secret-text", "secret", "s")),
                        Map.entry("update_credential", args("devops_project", "stone-devops", "name", bad,
                                "type", "secret-text", "secret", "s")),
                        Map.entry("list_devops_project_members", args("devops_project", bad)),
                        Map.entry("invite_devops_project_member", args("devops_project", bad, "username", "x",
                                "role", "viewer")),
                        Map.entry("invite_devops_project_member", args("devops_project", "stone-devops",
                                "username", bad, "role", "viewer")),
                        Map.entry("set_devops_project_role", args("devops_project", "stone-devops", "username",
                                "stoneshi", "role", bad)),
                        Map.entry("set_devops_project_role", args("devops_project", "stone-devops", "username",
                                "stoneshi", "role", "viewer", "cluster", bad)));
                for (Map.Entry<String, Map<String, Object>> call : calls) {
                    CallToolResult r = mcp.call(call.getKey(), call.getValue());
                    assertTrue(r.isError(), call + " " + text(r));
                    assertThat(call.toString(), text(r), not(containsString("Exception")));
                }
            }
            CallToolResult longName = mcp.call("create_devops_project", args("workspace", "stone",
                    "name", "a".repeat(59)));
            assertTrue(longName.isError());
            CallToolResult custom = mcp.call("set_devops_project_role", args("devops_project", "stone-devops",
                    "username", "stoneshi", "role", "deployer"));
            assertTrue(custom.isError());
        }
        assertEquals(List.of(), sent());
    }

    @Test
    void membersWithBuiltInRolesAndAdminNeedsAPerson() {
        try (McpTestClient mcp = mcp()) {
            CallToolResult list = mcp.call("list_devops_project_members", args("devops_project", "stone-devops"));
            assertFalse(list.isError(), text(list));
            assertThat(text(list), containsString("stoneshi (operator)"));

            CallToolResult invite = mcp.call("invite_devops_project_member", args("devops_project", "stone-devops",
                    "username", "demo-user", "role", "viewer"));
            assertFalse(invite.isError(), text(invite));
            CallToolResult set = mcp.call("set_devops_project_role", args("devops_project", "stone-devops",
                    "username", "demo-user", "role", "operator"));
            assertFalse(set.isError(), text(set));
            assertThat(text(mcp.call("list_devops_project_members", args("devops_project", "stone-devops"))),
                    containsString("demo-user (operator)"));

            sim().clearRequests();
            CallToolResult admin = mcp.call("set_devops_project_role", args("devops_project", "stone-devops",
                    "username", "demo-user", "role", "admin"));
            assertTrue(admin.isError());
            assertThat(text(admin), containsString("does not support elicitation"));
            assertEquals(List.of(), sent());

            CallToolResult notMember = mcp.call("set_devops_project_role", args("devops_project", "stone-devops",
                    "username", "admin-nobody", "role", "viewer"));
            assertTrue(notMember.isError());
        }
        try (McpTestClient mcp = confirming()) {
            CallToolResult admin = mcp.call("set_devops_project_role", args("devops_project", "stone-devops",
                    "username", "demo-user", "role", "admin"));
            assertFalse(admin.isError(), text(admin));
            assertEquals(1, mcp.elicitations().size());
            // Put it back for the other tests.
            assertFalse(mcp.call("set_devops_project_role", args("devops_project", "stone-devops",
                    "username", "demo-user", "role", "viewer")).isError());
        }
        assertTrue(sent().stream().anyMatch(r -> r.method().equals("PUT") && r.path().equals(
                "/clusters/host/kapis/iam.kubesphere.io/v1beta1/namespaces/stone-devops/namespacemembers/demo-user")));
    }

    @Test
    void writeAnnotationsAreDeclared() {
        try (McpTestClient mcp = mcp()) {
            Map<String, Tool> tools = new LinkedHashMap<>();
            mcp.tools().forEach(t -> tools.put(t.name(), t));
            assertEquals(false, tools.get("create_credential").annotations().readOnlyHint());
            assertEquals(false, tools.get("create_credential").annotations().destructiveHint());
            assertEquals(true, tools.get("list_devops_project_members").annotations().readOnlyHint());
        }
    }
}
