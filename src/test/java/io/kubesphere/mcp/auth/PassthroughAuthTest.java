package io.kubesphere.mcp.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesphere.mcp.support.SandboxTest;
import io.kubesphere.mcp.sandbox.RecordedRequest;
import io.kubesphere.mcp.support.McpTestClient;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static io.kubesphere.mcp.support.McpTestClient.structured;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** KS_MCP_AUTH=passthrough: each MCP session acts as the person whose KubeSphere token it carries, and only them. */
@QuarkusTest
@TestProfile(PassthroughProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PassthroughAuthTest extends SandboxTest {

    /** Every token this class used, for the log check at the end. */
    static final List<String> TOKENS = new CopyOnWriteArrayList<>();

    private String login(String user) throws Exception {
        String token = Callers.token(sandbox.baseUrl(), user);
        TOKENS.add(token);
        return token;
    }

    private List<String> usersSeenByKubeSphere() {
        return sandbox.simulator().requests().stream().map(r -> String.valueOf(r.user())).distinct().toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> workspaceNames(CallToolResult result) {
        return ((List<Map<String, Object>>) structured(result).get("items")).stream()
                .map(w -> (String) w.get("name")).toList();
    }

    @Test
    @Order(1)
    void twoSessionsActAsTheirOwnCallersOnly() throws Exception {
        String admin = login("admin");
        String tenant = login("stoneshi");
        try (McpTestClient a = Callers.client(root, () -> admin); McpTestClient b = Callers.client(root, () -> tenant)) {
            sandbox.simulator().clearRequests();
            CallToolResult whoA = a.call("whoami", Map.of());
            assertEquals("admin", structured(whoA).get("username"), McpTestClient.text(whoA));
            assertEquals("platform-admin", structured(whoA).get("platform_role"));
            assertEquals(List.of("admin"), usersSeenByKubeSphere(), "session A reached KubeSphere as admin only");

            sandbox.simulator().clearRequests();
            CallToolResult whoB = b.call("whoami", Map.of());
            assertEquals("stoneshi", structured(whoB).get("username"), McpTestClient.text(whoB));
            assertEquals("platform-regular", structured(whoB).get("platform_role"));
            assertEquals(List.of("stoneshi"), usersSeenByKubeSphere(), "session B reached KubeSphere as stoneshi only");

            // Interleaved, each keeps its own permissions: admin sees every workspace, the tenant only its own.
            sandbox.simulator().clearRequests();
            List<String> seenByA = workspaceNames(a.call("list_workspaces", Map.of()));
            assertEquals(List.of("admin"), usersSeenByKubeSphere());
            sandbox.simulator().clearRequests();
            List<String> seenByB = workspaceNames(b.call("list_workspaces", Map.of()));
            assertEquals(List.of("stoneshi"), usersSeenByKubeSphere());
            sandbox.simulator().clearRequests();
            List<String> seenByAAgain = workspaceNames(a.call("list_workspaces", Map.of()));
            assertEquals(List.of("admin"), usersSeenByKubeSphere());

            assertThat(seenByA, hasItems("stone", "demo"));
            assertEquals(List.of("stone"), seenByB);
            assertEquals(seenByA, seenByAAgain);
        }
    }

    @Test
    @Order(2)
    void aSessionRefusesAnotherUsersToken() throws Exception {
        String admin = login("admin");
        String tenant = login("stoneshi");
        String session = Callers.initialize(root, admin);

        HttpResponse<String> foreign = Callers.post(root, tenant, session, Callers.TOOLS_LIST);
        assertEquals(403, foreign.statusCode(), foreign.body());
        assertThat(foreign.headers().firstValue("WWW-Authenticate").orElse(""),
                containsString("resource_metadata=\"" + root.resolve("/.well-known/oauth-protected-resource") + "\""));
        assertThat(foreign.body(), containsString("belongs to another KubeSphere user"));
        assertThat("the refusal names nobody", foreign.body(), not(containsString("admin")));

        HttpResponse<String> own = Callers.post(root, admin, session, Callers.TOOLS_LIST);
        assertEquals(200, own.statusCode(), own.body());

        // Through the SDK client: the same session switching to the other person's token is refused at HTTP level,
        // and switching back works: the session was not taken over.
        AtomicReference<String> token = new AtomicReference<>(admin);
        try (McpTestClient a = Callers.client(root, token::get)) {
            assertEquals("admin", structured(a.call("whoami", Map.of())).get("username"));
            token.set(tenant);
            sandbox.simulator().clearRequests();
            RuntimeException refused = assertThrows(RuntimeException.class, () -> a.call("whoami", Map.of()));
            McpHttpClientTransportAuthorizationException http = find(refused);
            assertEquals(403, http.getResponseInfo().statusCode(), "the SDK client sees the HTTP 403");
            assertThat("nothing reached KubeSphere", sandbox.simulator().requests(), empty());
            token.set(admin);
            assertEquals("admin", structured(a.call("whoami", Map.of())).get("username"));
        }
    }

    @Test
    @Order(3)
    void aMissingOrRejectedTokenGets401PointingAtTheMetadata() throws Exception {
        String metadataUrl = root.resolve("/.well-known/oauth-protected-resource").toString();

        HttpResponse<String> missing = Callers.post(root, null, null, Callers.INITIALIZE);
        assertEquals(401, missing.statusCode());
        assertEquals("Bearer resource_metadata=\"" + metadataUrl + "\"",
                missing.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertThat(missing.body(), containsString("Authorization: Bearer"));

        HttpResponse<String> garbage = Callers.post(root, "not-a-jwt", null, Callers.INITIALIZE);
        assertEquals(401, garbage.statusCode());
        assertThat(garbage.headers().firstValue("WWW-Authenticate").orElseThrow(),
                allOf("Bearer resource_metadata=\"" + metadataUrl + "\"", "error=\"invalid_token\""));

        // A well-formed token KubeSphere did not issue: KubeSphere itself says 401 to the check.
        String admin = login("admin");
        String[] parts = admin.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + "AAAA" + parts[2].substring(4);
        TOKENS.add(forged);
        sandbox.simulator().clearRequests();
        HttpResponse<String> rejected = Callers.post(root, forged, null, Callers.INITIALIZE);
        assertEquals(401, rejected.statusCode());
        assertThat(rejected.headers().firstValue("WWW-Authenticate").orElseThrow(), containsString("invalid_token"));
        List<RecordedRequest> checks = sandbox.simulator().requests();
        assertEquals(1, checks.size(), "one check with KubeSphere: " + checks);
        assertEquals("/kapis/version", checks.get(0).path());
        assertEquals(401, checks.get(0).status());

        // An expired token is refused without asking KubeSphere.
        String expired = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"username\":\"admin\",\"token_type\":\"access_token\",\"exp\":"
                        + Instant.now().minusSeconds(60).getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        TOKENS.add(expired);
        sandbox.simulator().clearRequests();
        HttpResponse<String> late = Callers.post(root, expired, null, Callers.INITIALIZE);
        assertEquals(401, late.statusCode());
        assertThat(late.body(), containsString("expired"));
        assertThat(sandbox.simulator().requests(), empty());

        // The metadata document (RFC 9728), at the root well-known path and the /mcp-suffixed one.
        for (String path : List.of("/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp")) {
            HttpResponse<String> doc = Callers.get(root.resolve(path));
            assertEquals(200, doc.statusCode(), path);
            assertThat(doc.headers().firstValue("Content-Type").orElse(""), startsWith("application/json"));
            JsonNode metadata = Callers.json(doc.body());
            assertEquals(root.resolve("/mcp").toString(), metadata.path("resource").asText());
            assertEquals(sandbox.baseUrl(), metadata.path("authorization_servers").path(0).asText());
            assertEquals(1, metadata.path("authorization_servers").size());
            assertEquals("header", metadata.path("bearer_methods_supported").path(0).asText());
        }
    }

    @Test
    @Order(4)
    void aSessionThisServerDoesNotKnowIs404SoTheClientStartsAgain() throws Exception {
        String admin = login("admin");
        HttpResponse<String> unknown = Callers.post(root, admin, UUID.randomUUID().toString(), Callers.TOOLS_LIST);
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertThat(unknown.body(), containsString("initialize"));
    }

    @Test
    @Order(5)
    void aWriteCallIsAuditedUnderTheCallersName() throws Exception {
        String tenant = login("stoneshi");
        try (McpTestClient b = Callers.client(root, () -> tenant)) {
            CallToolResult refused = b.call("create_workspace", Map.of("workspace", "x-" + UUID.randomUUID()
                    .toString().substring(0, 8), "clusters", List.of("host")));
            assertTrue(refused.isError());
            assertThat(McpTestClient.text(refused), containsString("read-only"));
        }
        List<String> audit = Files.readAllLines(PassthroughProfile.AUDIT);
        assertFalse(audit.isEmpty(), "the audit file is written");
        JsonNode last = Callers.json(audit.get(audit.size() - 1));
        assertEquals("stoneshi", last.path("identity").asText());
        assertEquals("create_workspace", last.path("tool").asText());
        assertEquals("refused", last.path("outcome").asText());
    }

    @Test
    @Order(6)
    void eachRequestUsesItsOwnTokenSoARenewedTokenCarriesTheSessionOn() throws Exception {
        String first = login("admin");
        AtomicReference<String> token = new AtomicReference<>(first);
        try (McpTestClient a = Callers.client(root, token::get)) {
            assertEquals("admin", structured(a.call("whoami", Map.of())).get("username"));
            // The person renews the token and KubeSphere revokes the old one. (Two logins within one second get
            // the very same JWT, so let a second pass first.)
            clock.advance(Duration.ofSeconds(1));
            String renewedToken = login("admin");
            assertFalse(renewedToken.equals(first));
            token.set(renewedToken);
            HttpResponse<String> logout = Callers.HTTP.send(java.net.http.HttpRequest.newBuilder(
                    URI.create(sandbox.baseUrl() + "/oauth/logout")).header("Authorization", "Bearer " + first).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, logout.statusCode());
            // Same session, new token: the tool call uses the token of this request, not the one of initialize.
            CallToolResult renewed = a.call("whoami", Map.of());
            assertFalse(renewed.isError(), McpTestClient.text(renewed));
            // Back to the revoked token (still inside the gate's 60 s trust): KubeSphere refuses it, and the tool
            // says what to do without naming the token.
            token.set(first);
            CallToolResult revoked = a.call("whoami", Map.of());
            assertTrue(revoked.isError());
            assertThat(McpTestClient.text(revoked), containsString("Provide a valid token"));
            assertThat(McpTestClient.text(revoked), not(containsString(first)));
        }
    }

    @Test
    @Order(100)
    void noTokenAppearsInAnyLogLine() throws Exception {
        assertFalse(TOKENS.isEmpty());
        List<String> lines = new ArrayList<>(Files.readAllLines(PassthroughProfile.LOG));
        List<String> audit = Files.readAllLines(PassthroughProfile.AUDIT);
        // The capture is real: the server's own lines about this class's refusals are in the file.
        assertThat(lines, hasItem(containsString(
                "Refused a request to an MCP session opened by 'admin' carrying a token of 'stoneshi'")));
        assertTrue(lines.size() > 10, "the log file has the server's output: " + lines.size() + " lines");
        lines.addAll(audit);
        Set<String> secrets = new java.util.HashSet<>();
        for (String token : TOKENS) {
            secrets.add(token);
            String[] parts = token.split("\\.");
            if (parts.length == 3) {
                secrets.add(parts[2]); // the signature alone is enough to matter
                secrets.add(parts[1]);
            }
        }
        for (String line : lines) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), "a log line contains a token: " + line);
            }
        }
        assertThat(lines, everyItem(not(containsString("Bearer ey"))));
    }

    /** The SDK wraps transport errors; the HTTP-level one is somewhere in the causes or suppressed exceptions. */
    private static McpHttpClientTransportAuthorizationException find(Throwable thrown) {
        java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>(List.of(thrown));
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!todo.isEmpty()) {
            Throwable t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof McpHttpClientTransportAuthorizationException http) {
                return http;
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            todo.addAll(List.of(t.getSuppressed()));
        }
        throw new AssertionError("no HTTP authorization error in " + thrown, thrown);
    }

    private static org.hamcrest.Matcher<String> allOf(String... parts) {
        List<org.hamcrest.Matcher<? super String>> matchers = new ArrayList<>();
        for (String part : parts) {
            matchers.add(containsString(part));
        }
        return org.hamcrest.Matchers.allOf(matchers);
    }
}
