package io.kubesphere.mcp.guide;

import io.kubesphere.mcp.catalog.ToolCatalog;
import io.kubesphere.mcp.support.SandboxTest;
import io.kubesphere.mcp.support.McpTestClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CompleteRequest;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Prompts, completions and resources through the official Java SDK client, in server mode on the sandbox (admin). */
@QuarkusTest
class GuideTest extends SandboxTest {

    private static final Pattern TOOL_NAME = Pattern.compile("\\b(?:list|get|create|invite|set|run)_[a-z_]+\\b");

    @Inject
    ToolCatalog catalog;

    private static List<String> complete(McpTestClient mcp, String prompt, String argument, String prefix,
            Map<String, String> context) {
        return mcp.sdk().completeCompletion(new CompleteRequest(new McpSchema.PromptReference(prompt),
                new CompleteRequest.CompleteArgument(argument, prefix), new CompleteRequest.CompleteContext(context)))
                .completion().values();
    }

    private static String text(McpSchema.GetPromptResult result) {
        return ((TextContent) result.messages().get(0).content()).text();
    }

    @Test
    void promptsAreListedWithDescribedArgumentsAndCapabilitiesSayWhatIsThere() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            McpSchema.ServerCapabilities caps = mcp.sdk().getServerCapabilities();
            assertTrue(caps.prompts() != null && caps.completions() != null && caps.resources() != null);
            List<McpSchema.Prompt> prompts = mcp.sdk().listPrompts().prompts();
            assertEquals(Set.of("onboard_developer", "setup_team_workspace", "first_pipeline",
                    "diagnose_pipeline_run"), prompts.stream().map(McpSchema.Prompt::name).collect(Collectors.toSet()));
            for (McpSchema.Prompt p : prompts) {
                assertTrue(p.title() != null && p.description().length() <= 100, p.name());
                assertTrue(p.arguments().stream().allMatch(a -> a.description() != null && !a.description().isBlank()));
            }
            McpSchema.Implementation info = mcp.sdk().getServerInfo();
            assertEquals("KubeSphere", info.title());
            assertTrue(info.websiteUrl().startsWith("https://") && !info.icons().isEmpty());
        }
    }

    /** Every tool a prompt names exists and is offered: a plan never sends the agent to a tool that is not there. */
    @Test
    void promptsNameOnlyToolsThatExist() {
        Map<String, Map<String, Object>> args = Map.of(
                "onboard_developer", Map.of("username", "alice", "workspace", "stone", "cluster", "host",
                        "project", "stone-project"),
                "setup_team_workspace", Map.of("workspace", "team-a", "manager", "stoneshi", "cluster", "host",
                        "members", "alice,bob"),
                "first_pipeline", Map.of("workspace", "stone", "devops_project", "stone-devops", "pipeline", "web"),
                "diagnose_pipeline_run", Map.of("devops_project", "stone-devops", "pipeline", "build"));
        try (McpTestClient mcp = McpTestClient.http(root)) {
            for (var entry : args.entrySet()) {
                String text = text(mcp.sdk().getPrompt(new GetPromptRequest(entry.getKey(), entry.getValue())));
                Matcher m = TOOL_NAME.matcher(text);
                int named = 0;
                while (m.find()) {
                    named++;
                    String tool = m.group();
                    assertTrue(catalog.find(tool).isPresent(), entry.getKey() + " names unknown tool " + tool);
                }
                assertTrue(named >= 3, entry.getKey() + " is a plan of tool calls: " + text);
                for (Object value : entry.getValue().values()) {
                    assertThat(text, containsString(String.valueOf(value).split(",")[0]));
                }
            }
        }
    }

    @Test
    void onboardingIsLeastPrivilegeAndTheFirstPipelineSendsMissingStepsToTheConsole() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            String onboard = text(mcp.sdk().getPrompt(new GetPromptRequest("onboard_developer", Map.of(
                    "username", "alice", "workspace", "stone", "cluster", "host", "project", "stone-project"))));
            assertThat(onboard, containsString("platform-regular"));
            assertThat(onboard, containsString("default viewer"));
            String pipeline = text(mcp.sdk().getPrompt(new GetPromptRequest("first_pipeline", Map.of(
                    "workspace", "stone", "devops_project", "stone-devops", "pipeline", "web"))));
            assertThat(pipeline, containsString("KubeSphere console"));
            assertThat(pipeline, not(containsString("create_devops_project")));
        }
    }

    @Test
    void badOrMissingPromptArgumentsAreRefusedWithTheRule() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            McpError missing = assertThrows(McpError.class, () -> mcp.sdk().getPrompt(
                    new GetPromptRequest("onboard_developer", Map.of("username", "alice"))));
            assertThat(missing.getMessage(), containsString("workspace is required"));
            McpError hostile = assertThrows(McpError.class, () -> mcp.sdk().getPrompt(new GetPromptRequest(
                    "diagnose_pipeline_run", Map.of("devops_project", "../etc", "pipeline", "build"))));
            assertThat(hostile.getMessage(), containsString("DNS-1123"));
        }
    }

    @Test
    void argumentsCompleteFromKubeSphere() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            // Other test classes add to the shared sandbox: admin sees at least the demo data.
            assertTrue(complete(mcp, "onboard_developer", "workspace", "", Map.of()).containsAll(List.of("demo",
                    "stone")));
            List<String> st = complete(mcp, "onboard_developer", "workspace", "st", Map.of());
            assertTrue(st.contains("stone") && st.stream().allMatch(w -> w.startsWith("st")), st.toString());
            assertTrue(complete(mcp, "onboard_developer", "cluster", "", Map.of()).contains("host"));
            assertTrue(complete(mcp, "onboard_developer", "username", "stone", Map.of()).contains("stoneshi"));
            // Projects need the workspace and cluster chosen first.
            assertEquals(List.of(), complete(mcp, "onboard_developer", "project", "", Map.of()));
            assertTrue(complete(mcp, "onboard_developer", "project", "", Map.of("workspace", "stone", "cluster",
                    "host")).contains("stone-project"));
            assertTrue(complete(mcp, "diagnose_pipeline_run", "devops_project", "", Map.of("workspace", "stone"))
                    .contains("stone-devops"));
            assertTrue(complete(mcp, "diagnose_pipeline_run", "pipeline", "", Map.of("devops_project",
                    "stone-devops")).containsAll(List.of("build", "service-mb")));
            assertFalse(complete(mcp, "diagnose_pipeline_run", "run", "",
                    Map.of("devops_project", "stone-devops", "pipeline", "build")).isEmpty());
            // A hostile context value never reaches KubeSphere: the tool's checks refuse it, so nothing to offer.
            sandbox.simulator().clearRequests();
            assertEquals(List.of(), complete(mcp, "diagnose_pipeline_run", "pipeline", "",
                    Map.of("devops_project", "../../api")));
            assertTrue(sandbox.simulator().requests().isEmpty(), "nothing was sent");
        }
    }

    @Test
    void builtInRolesAreResources() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            List<McpSchema.Resource> resources = mcp.sdk().listResources().resources();
            assertEquals(List.of("kubesphere://roles/platform", "kubesphere://roles/workspace",
                    "kubesphere://roles/project"), resources.stream().map(McpSchema.Resource::uri).sorted(
                    (a, b) -> order(a) - order(b)).toList());
            String platform = ((TextResourceContents) mcp.sdk().readResource(
                    new ReadResourceRequest("kubesphere://roles/platform")).contents().get(0)).text();
            assertThat(platform, containsString("platform-regular (default)"));
            assertThat(platform, containsString("confirms"));
        }
    }

    private static int order(String uri) {
        return uri.endsWith("platform") ? 0 : uri.endsWith("workspace") ? 1 : 2;
    }

    @Test
    void aRunLogIsAResourceTemplateReadAsTheCaller() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            List<McpSchema.ResourceTemplate> templates = mcp.sdk().listResourceTemplates().resourceTemplates();
            assertEquals(List.of(Guide.LOG_TEMPLATE), templates.stream().map(McpSchema.ResourceTemplate::uriTemplate)
                    .toList());
            String run = mcp.sdk().completeCompletion(new CompleteRequest(new McpSchema.ResourceReference(
                    Guide.LOG_TEMPLATE), new CompleteRequest.CompleteArgument("run", ""),
                    new CompleteRequest.CompleteContext(Map.of("devops_project", "stone-devops", "pipeline", "build"))))
                    .completion().values().get(0);
            String uri = "kubesphere://devops/stone-devops/pipelines/build/runs/" + run + "/log";
            sandbox.simulator().clearRequests();
            McpSchema.ReadResourceResult log = mcp.sdk().readResource(new ReadResourceRequest(uri));
            assertEquals("text/plain", log.contents().get(0).mimeType());
            assertTrue(sandbox.simulator().requests().stream().anyMatch(r -> r.path().endsWith("/log")),
                    "read from KubeSphere");
            McpError unknown = assertThrows(McpError.class, () -> mcp.sdk().readResource(new ReadResourceRequest(
                    "kubesphere://devops/stone-devops/pipelines/build/runs/nope-1/log")));
            assertThat(unknown.getMessage(), not(containsString("Exception")));
        }
    }
}
