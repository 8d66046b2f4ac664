package io.kubesphere.mcp.devops;

import io.kubesphere.mcp.support.McpTestClient;
import io.kubesphere.mcp.support.SandboxTest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.kubesphere.mcp.devops.DevOpsSetupToolsTest.args;
import static io.kubesphere.mcp.devops.DevOpsSetupToolsTest.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives every new DevOps tool with recognisable secret values, then searches every tool output, the audit log, the
 * server's log at DEBUG and the metrics for them.
 */
@QuarkusTest
@TestProfile(DevOpsSecretsTest.Logged.class)
class DevOpsSecretsTest extends SandboxTest {

    static final Path LOG = Path.of("target", "devops-secrets-" + ProcessHandle.current().pid() + ".log")
            .toAbsolutePath();
    static final Path AUDIT = Path.of("target", "devops-secrets-audit-" + ProcessHandle.current().pid() + ".log")
            .toAbsolutePath();

    public static class Logged implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "ks.mcp.audit.log", AUDIT.toString(),
                    "quarkus.log.file.enabled", "true",
                    "quarkus.log.file.path", LOG.toString(),
                    "quarkus.log.file.level", "ALL",
                    "quarkus.log.category.\"io.kubesphere\".level", "DEBUG",
                    "quarkus.log.category.\"io.modelcontextprotocol\".level", "DEBUG");
        }
    }

    /**
     * The log without the lines of this test's own MCP client (it shares the JVM and logs what it sends); a record's
     * continuation lines belong to it.
     */
    static String serverLog(List<String> lines) {
        StringBuilder out = new StringBuilder();
        boolean client = false;
        for (String line : lines) {
            if (line.matches("^\\d{4}-\\d{2}-\\d{2} .*")) {
                client = line.contains("[io.mod.cli.");
            }
            if (!client) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    @Test
    void noSecretValueLeavesTheServerAnywhereElse() throws Exception {
        String tag = unique("Zq");
        String password = "pw-" + tag + "-basic";
        String key = "-----BEGIN OPENSSH PRIVATE KEY-----\nkey-" + tag + "\n-----END OPENSSH PRIVATE KEY-----";
        String passphrase = "pp-" + tag;
        String text = "st-" + tag;
        String kubeconfig = "apiVersion: v1\nkind: Config\nusers:\n- user:\n    token: kc-" + tag + "\n";
        String input = "in-" + tag;
        List<String> secrets = List.of(password, "key-" + tag, passphrase, text, "kc-" + tag);
        List<CallToolResult> results = new ArrayList<>();
        String suffix = tag.toLowerCase();
        try (McpTestClient mcp = McpTestClient.http(root, r -> new ElicitResult(ElicitResult.Action.ACCEPT,
                Map.of("confirm", true)))) {
            String project = (String) McpTestClient.structured(mcp.call("create_devops_project",
                    args("workspace", "stone", "name", "sec-" + suffix))).get("namespace");
            results.add(mcp.call("create_credential", args("devops_project", project, "name", "b", "type",
                    "basic-auth", "username", "u", "password", password)));
            results.add(mcp.call("create_credential", args("devops_project", project, "name", "s", "type",
                    "ssh-auth", "username", "git", "private_key", key, "passphrase", passphrase)));
            results.add(mcp.call("create_credential", args("devops_project", project, "name", "t", "type",
                    "secret-text", "secret", text)));
            results.add(mcp.call("create_credential", args("devops_project", project, "name", "k", "type",
                    "kubeconfig", "kubeconfig", kubeconfig)));
            results.add(mcp.call("update_credential", args("devops_project", project, "name", "b", "type",
                    "basic-auth", "username", "u", "password", password)));
            results.add(mcp.call("update_credential", args("devops_project", project, "name", "t", "type",
                    "secret-text", "secret", text)));
            // Refusals and invalid calls carrying secrets.
            results.add(mcp.call("create_credential", args("devops_project", project, "name", "b", "type",
                    "basic-auth", "username", "u", "password", password)));
            results.add(mcp.call("create_credential", args("devops_project", project, "name", "x", "type",
                    "secret-text", "secret", text, "password", password)));
            results.add(mcp.call("update_credential", args("devops_project", project, "name", "b", "type",
                    "secret-text", "secret", text)));
            results.add(mcp.call("list_credentials", args("devops_project", project)));
            results.add(mcp.call("list_devops_project_members", args("devops_project", project)));
            results.add(mcp.call("invite_devops_project_member", args("devops_project", project, "username",
                    "stoneshi", "role", "operator")));
            results.add(mcp.call("set_devops_project_role", args("devops_project", project, "username",
                    "stoneshi", "role", "viewer")));

            // The other new tools, with an input answer that carries a recognisable value.
            results.add(mcp.call("create_pipeline", args("devops_project", project, "pipeline", "p",
                    "jenkinsfile", RunControlToolsTest.JENKINSFILE)));
            results.add(mcp.call("update_jenkinsfile", args("devops_project", project, "pipeline", "p",
                    "jenkinsfile", RunControlToolsTest.JENKINSFILE)));
            CallToolResult run = mcp.call("run_pipeline", args("devops_project", project, "pipeline", "p"));
            String name = (String) McpTestClient.structured(run).get("name");
            sim().advanceClock(Duration.ofSeconds(10));
            results.add(mcp.call("list_pending_inputs", args("devops_project", project, "run", name)));
            results.add(mcp.call("submit_pipeline_input", args("devops_project", project, "run", name,
                    "action", "approve", "parameters", Map.of("ENV", input))));
            sim().advanceClock(Duration.ofSeconds(10));
            results.add(mcp.call("get_pipeline_step_log", args("devops_project", project, "run", name,
                    "stage", "Build")));
            results.add(mcp.call("list_run_artifacts", args("devops_project", project, "run", name)));
            results.add(mcp.call("rerun_pipeline_run", args("devops_project", project, "run", name)));
            String second = (String) McpTestClient.structured(mcp.call("run_pipeline", args("devops_project",
                    project, "pipeline", "p"))).get("name");
            sim().advanceClock(Duration.ofMillis(1500));
            results.add(mcp.call("stop_pipeline_run", args("devops_project", project, "run", second)));
            results.add(mcp.call("create_pipeline", args("devops_project", project, "pipeline", "mb", "type",
                    "multi-branch-pipeline", "git_url", "https://git.example.com/x.git", "credential_id", "b")));
            results.add(mcp.call("scan_pipeline_repository", args("devops_project", project, "pipeline", "mb")));
            results.add(mcp.call("list_pipeline_branches", args("devops_project", project, "pipeline", "mb")));
        }
        for (CallToolResult r : results) {
            for (String s : secrets) {
                assertFalse(r.toString().contains(s), "a tool output contains a secret: " + r);
            }
        }
        // The four creates and two replacements went through.
        assertTrue(results.stream().limit(6).noneMatch(CallToolResult::isError), results.toString());

        // The secrets did reach KubeSphere (so the search below is not vacuous).
        String sent = sim().requests().toString();
        assertTrue(sent.contains(java.util.Base64.getEncoder().encodeToString(password.getBytes())), "sent");

        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                root.resolve("/q/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        String audit = Files.readString(AUDIT);
        String log = serverLog(Files.readAllLines(LOG));
        assertTrue(audit.contains("create_credential") && audit.contains("\"password\":\"***\""), audit);
        assertTrue(log.contains("DEBUG"), "the log file has DEBUG lines");
        // The SDK's DEBUG line of the received call is there, masked.
        assertTrue(log.contains("\"password\":\"***\""), "the received create_credential is logged, masked");
        for (String s : secrets) {
            assertFalse(audit.contains(s), "the audit log contains " + s);
            assertFalse(log.contains(s), "the server log contains " + s);
            assertFalse(metrics.body().contains(s), "the metrics contain " + s);
        }
    }
}
