package io.kubesphere.mcp.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubesphere.mcp.sandbox.RecordedRequest;
import io.kubesphere.mcp.sandbox.Sandbox;
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
