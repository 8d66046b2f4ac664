package io.kubesphere.mcp.auth;

import io.kubesphere.mcp.support.SandboxTest;
import io.kubesphere.mcp.support.McpTestClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CompleteRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Completions in passthrough mode: each caller gets the names KubeSphere shows them, from a cache keyed by who asks,
 * never another caller's (the profile is read-only, so only the read-only prompt is offered).
 */
@QuarkusTest
@TestProfile(PassthroughProfile.class)
class PassthroughCompletionTest extends SandboxTest {

    private static List<String> workspaces(McpTestClient mcp) {
        return mcp.sdk().completeCompletion(new CompleteRequest(new McpSchema.PromptReference("diagnose_pipeline_run"),
                new CompleteRequest.CompleteArgument("workspace", ""), new CompleteRequest.CompleteContext(Map.of())))
                .completion().values();
    }

    @Test
    void twoCallersNeverSeeEachOthersNames() throws Exception {
        String stone = Callers.token(sandbox.baseUrl(), "stoneshi");
        String demo = Callers.token(sandbox.baseUrl(), "demo-user");
        try (McpTestClient stoneshi = Callers.client(root, () -> stone);
                McpTestClient demoUser = Callers.client(root, () -> demo)) {
            assertEquals(List.of("diagnose_pipeline_run"),
                    stoneshi.sdk().listPrompts().prompts().stream().map(McpSchema.Prompt::name).toList(),
                    "read-only: only the prompt whose tools are all offered");
            sandbox.simulator().clearRequests();
            assertEquals(List.of("stone"), workspaces(stoneshi));
            // Within the cache's lifetime: a cache keyed without the caller would answer [stone] here.
            assertEquals(List.of("demo"), workspaces(demoUser));
            assertEquals(List.of("stoneshi", "demo-user"), sandbox.simulator().requests().stream()
                    .map(r -> String.valueOf(r.user())).distinct().toList(), "KubeSphere was asked as each caller");

            // Asked again, stoneshi is answered from the cache: nothing more reaches KubeSphere.
            sandbox.simulator().clearRequests();
            assertEquals(List.of("stone"), workspaces(stoneshi));
            assertTrue(sandbox.simulator().requests().isEmpty(), sandbox.simulator().requests().toString());

            // demo-user cannot see stone's DevOps projects: nothing to offer, and stoneshi's cached names stay his.
            assertEquals(List.of("stone-devops"), devopsProjects(stoneshi));
            assertEquals(List.of(), devopsProjects(demoUser));
        }
    }

    private static List<String> devopsProjects(McpTestClient mcp) {
        return mcp.sdk().completeCompletion(new CompleteRequest(new McpSchema.PromptReference("diagnose_pipeline_run"),
                new CompleteRequest.CompleteArgument("devops_project", ""),
                new CompleteRequest.CompleteContext(Map.of("workspace", "stone")))).completion().values();
    }
}
