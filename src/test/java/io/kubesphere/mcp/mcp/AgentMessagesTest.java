package io.kubesphere.mcp.mcp;

import io.kubesphere.mcp.policy.Names;
import io.kubesphere.mcp.support.McpTestClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static io.kubesphere.mcp.support.McpTestClient.text;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The texts an agent reads, as it reads them: through an MCP client, against the sandbox. */
@QuarkusTest
class AgentMessagesTest {

    @TestHTTPResource("/")
    URI root;

    private String call(String tool, Map<String, Object> args, boolean error) {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            CallToolResult result = mcp.call(tool, args);
            assertEquals(error, Boolean.TRUE.equals(result.isError()), () -> text(result));
            return text(result);
        }
    }

    @Test
    void aMissingParameterIsRequired() {
        String text = call("create_user", Map.of("username", "am-user", "password", "Abcdefg1"), true);
        assertThat(text, containsString("email is required"));
        assertThat(text, not(containsString("null")));
    }

    @Test
    void aBadEmailIsExplainedOnce() {
        String text = call("create_user", Map.of("username", "am-user", "email", "not-an-email",
                "password", "Abcdefg1"), true);
        assertEquals(1, text.split(java.util.regex.Pattern.quote(Names.EMAIL_RULE), -1).length - 1, text);
    }

    @Test
    void aCountOfOneTakesTheSingular() {
        String text = call("list_projects", Map.of("cluster", "host", "workspace", "demo", "name", "demo-app"),
                false);
        assertThat(text, startsWith("1 of 1 project: demo-app "));
    }

    @Test
    void anEmptyPageEndsWithoutAColon() {
        assertEquals("0 of 0 workspaces", call("list_workspaces", Map.of("name", "zzz-none"), false));
        String past = call("list_workspaces", Map.of("page", 99), false);
        assertThat(past, startsWith("0 of "));
        assertThat(past, containsString("page 99 is past the last page"));
        assertThat(past, endsWith(")"));
    }

    @Test
    void aCreatedPipelineIsNamedInLowerCase() {
        String text = call("create_pipeline", Map.of("devops_project", "stone-devops", "pipeline", "am-pipe",
                "jenkinsfile", "pipeline { agent any\n stages { stage('a') { steps { echo 'a' } } } }"), false);
        assertThat(text, startsWith("Created pipeline am-pipe (type pipeline) in DevOps project stone-devops"));
        assertFalse(text.contains("parameters:"), "no empty parameter list: " + text);
        assertTrue(text.endsWith("Start it with run_pipeline."), text);
    }
}
