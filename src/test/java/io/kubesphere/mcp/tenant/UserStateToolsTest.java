package io.kubesphere.mcp.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesphere.mcp.sandbox.RecordedRequest;
import io.kubesphere.mcp.support.McpTestClient;
import io.kubesphere.mcp.support.SandboxTest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static io.kubesphere.mcp.support.McpTestClient.ok;
import static io.kubesphere.mcp.support.McpTestClient.structured;
import static io.kubesphere.mcp.support.McpTestClient.text;
import static io.kubesphere.mcp.tenant.TenantTestSupport.ACCEPT;
import static io.kubesphere.mcp.tenant.TenantTestSupport.DECLINE;
import static io.kubesphere.mcp.tenant.TenantTestSupport.IAM;
import static io.kubesphere.mcp.tenant.TenantTestSupport.api;
import static io.kubesphere.mcp.tenant.TenantTestSupport.body;
import static io.kubesphere.mcp.tenant.TenantTestSupport.existingUser;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** set_user_state (a person confirms every disable; never on yourself) and list_login_records, as admin. */
@QuarkusTest
class UserStateToolsTest extends SandboxTest {

    static final String PASSWORD = "Abcdefg1";

    /** A password login straight at the simulator, as the user would log in to the console. */
    private int login(String user) throws Exception {
        String form = "grant_type=password&client_id=kubesphere&client_secret=kubesphere&username=" + user
                + "&password=" + PASSWORD;
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.simulator().baseUrl() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void disableWithAPersonsYesThenEnableAgain() throws Exception {
        try (McpTestClient mcp = McpTestClient.http(root, ACCEPT)) {
            existingUser(mcp, sandbox, "us-locked");
            CallToolResult off = ok(mcp.call("set_user_state", Map.of("username", "us-locked", "state", "Disabled")));
            assertEquals(1, mcp.elicitations().size());
            assertThat(mcp.elicitations().get(0).message(), allOf(containsString("disable user 'us-locked'"),
                    containsString("can no longer log in")));
            List<RecordedRequest> sent = api(sandbox);
            assertEquals(List.of("GET " + IAM + "/users/us-locked", "PUT " + IAM + "/users/us-locked"),
                    sent.stream().map(r -> r.method() + " " + r.path()).toList());
            JsonNode put = body(sent.get(1));
            assertEquals("Disabled", put.at("/status/state").asText());
            assertFalse(put.at("/metadata/resourceVersion").asText().isEmpty());
            assertEquals("us-locked@example.com", put.at("/spec/email").asText(), "the whole user goes back");
            assertEquals(Map.of("username", "us-locked", "state", "Disabled", "previous_state", "Active",
                    "changed", true), structured(off));
            assertEquals(400, login("us-locked"), "a disabled account cannot log in");

            sandbox.simulator().clearRequests();
            CallToolResult on = ok(mcp.call("set_user_state", Map.of("username", "us-locked", "state", "Active")));
            assertEquals(1, mcp.elicitations().size(), "enabling asks nobody");
            assertEquals("Active", body(api(sandbox).get(1)).at("/status/state").asText());
            assertThat(text(on), containsString("now Active (was Disabled)"));
            assertEquals(200, login("us-locked"));

            sandbox.simulator().clearRequests();
            CallToolResult again = ok(mcp.call("set_user_state", Map.of("username", "us-locked", "state", "Active")));
            assertEquals(false, structured(again).get("changed"));
            assertEquals(1, api(sandbox).size(), "no write when the state is already right");
        }
    }

    @Test
    void disableWithoutAPersonToAskOrWhenTheyDeclineSendsNothing() {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            CallToolResult r = mcp.call("set_user_state", Map.of("username", "demo-user", "state", "Disabled"));
            assertTrue(r.isError());
            assertThat(text(r), allOf(containsString("needs a person's confirmation"),
                    containsString("does not support elicitation"), containsString("KubeSphere console")));
        }
        try (McpTestClient mcp = McpTestClient.http(root, DECLINE)) {
            CallToolResult r = mcp.call("set_user_state", Map.of("username", "demo-user", "state", "Disabled"));
            assertTrue(r.isError());
            assertThat(text(r), containsString("the person did not confirm"));
        }
        assertThat(api(sandbox), empty());
    }

    @Test
    void neverOnYourself() {
        try (McpTestClient mcp = McpTestClient.http(root, ACCEPT)) {
            for (String state : List.of("Disabled", "Active")) {
                CallToolResult r = mcp.call("set_user_state", Map.of("username", "admin", "state", state));
                assertTrue(r.isError(), state);
                assertThat(text(r), containsString("account this server acts as"));
            }
            assertTrue(mcp.elicitations().isEmpty(), "refused before asking anyone");
        }
        assertThat(api(sandbox), empty());
    }

    @Test
    void loginRecordsNewestFirst() throws Exception {
        try (McpTestClient mcp = McpTestClient.http(root)) {
            existingUser(mcp, sandbox, "us-records");
            assertEquals(200, login("us-records"));
            CallToolResult r = ok(mcp.call("list_login_records", Map.of("username", "us-records", "limit", 5)));
            assertEquals("page=1&limit=5", api(sandbox).get(api(sandbox).size() - 1).query());
            assertEquals(1, structured(r).get("total"));
            assertThat(text(r), containsString(" ok from 127.0.0.1"));
            CallToolResult none = ok(mcp.call("list_login_records", Map.of("username", "nobody-here")));
            assertThat(text(none), containsString("No login records for nobody-here"));
        }
    }

    @Test
    void hostileValuesAreRefusedBeforeAnyRequest() {
        List<Map.Entry<String, Map<String, Object>>> hostile = List.of(
                Map.entry("set_user_state", Map.of("username", "../admin", "state", "Active")),
                Map.entry("set_user_state", Map.of("username", "Stoneshi", "state", "Active")),
                Map.entry("set_user_state", Map.of("username", "stoneshi", "state", "Locked")),
                Map.entry("set_user_state", Map.of("username", "stoneshi", "state", "AuthLimitExceeded")),
                Map.entry("set_user_state", Map.of("username", "stoneshi", "state", "disabled")),
                Map.entry("set_user_state", Map.of("username", "a".repeat(33), "state", "Active")),
                Map.entry("list_login_records", Map.of("username", "stoneshi/loginrecords")),
                Map.entry("list_login_records", Map.of("username", "stoneshi", "limit", 0)));
        try (McpTestClient mcp = McpTestClient.http(root, ACCEPT)) {
            for (Map.Entry<String, Map<String, Object>> call : hostile) {
                CallToolResult r = mcp.call(call.getKey(), call.getValue());
                assertTrue(r.isError(), call::toString);
            }
            assertTrue(mcp.elicitations().isEmpty());
        }
        assertThat(api(sandbox), empty());
    }
}
