package io.kubesphere.mcp.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubesphere.mcp.sandbox.RecordedRequest;
import io.kubesphere.mcp.sandbox.Sandbox;
import io.kubesphere.mcp.support.McpTestClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitFormRequest;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the tenant tests share: the KubeSphere API requests that reached the simulator, and elicitation answers. */
final class TenantTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String IAM = "/kapis/iam.kubesphere.io/v1beta1";
    static final String TENANT = "/kapis/tenant.kubesphere.io/v1beta1";

    static final Function<ElicitFormRequest, ElicitResult> ACCEPT =
            request -> new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("confirm", true));
    static final Function<ElicitFormRequest, ElicitResult> ACCEPT_UNCHECKED =
            request -> new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("confirm", false));
    static final Function<ElicitFormRequest, ElicitResult> DECLINE =
            request -> new ElicitResult(ElicitResult.Action.DECLINE, null);
    static final Function<ElicitFormRequest, ElicitResult> CANCEL =
            request -> new ElicitResult(ElicitResult.Action.CANCEL, null);

    private TenantTestSupport() {
    }

    /** API requests only: logins to /oauth/token are the framework's business. */
    static List<RecordedRequest> api(Sandbox sandbox) {
        return sandbox.simulator().requests().stream().filter(r -> !r.path().startsWith("/oauth")).toList();
    }

    static RecordedRequest only(Sandbox sandbox, String method, String path) {
        List<RecordedRequest> requests = api(sandbox);
        assertEquals(1, requests.size(), "exactly one API request expected, got " + requests);
        RecordedRequest request = requests.get(0);
        assertEquals(method, request.method());
        assertEquals(path, request.path());
        return request;
    }

    /** Invites check that the user exists: creates the account (unless it exists), then forgets the requests. */
    static void existingUser(McpTestClient mcp, Sandbox sandbox, String name) {
        CallToolResult r = mcp.call("create_user", Map.of("username", name, "email", name + "@example.com",
                "password", "Abcdefg1"));
        assertTrue(!Boolean.TRUE.equals(r.isError()) || McpTestClient.text(r).contains("already exists"),
                () -> McpTestClient.text(r));
        sandbox.simulator().clearRequests();
    }

    /**
     * The write of a tool that first looks its user up: exactly the GET of that user (answered 200), then the write.
     */
    static RecordedRequest write(Sandbox sandbox, String user, String method, String path) {
        return checkedWrite(sandbox, IAM + "/users/" + user, method, path);
    }

    /** Exactly two API requests: the GET of {@code checked} (answered 200), then {@code method path}. */
    static RecordedRequest checkedWrite(Sandbox sandbox, String checked, String method, String path) {
        List<RecordedRequest> requests = api(sandbox);
        assertEquals(2, requests.size(), "a check and a write expected, got " + requests);
        assertEquals("GET", requests.get(0).method());
        assertEquals(checked, requests.get(0).path());
        assertEquals(200, requests.get(0).status());
        RecordedRequest request = requests.get(1);
        assertEquals(method, request.method());
        assertEquals(path, request.path());
        return request;
    }

    static JsonNode body(RecordedRequest request) {
        assertTrue(request.contentType() != null && request.contentType().startsWith("application/json"),
                "JSON content type expected: " + request.contentType());
        try {
            return JSON.readTree(request.body());
        } catch (Exception e) {
            throw new AssertionError("request body is not JSON: " + request.body(), e);
        }
    }
}
