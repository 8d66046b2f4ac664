package io.kubesphere.mcp.kubesphere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.kubesphere.mcp.sandbox.Sandbox;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Policy rule 1: what is not on the allowlist never reaches the network, whoever asks. */
@QuarkusTest
class UpstreamGuardTest {

    @Inject
    KubeSphereClient client;

    @Inject
    ServerCredentials credentials;

    @Inject
    UpstreamGuard guard;

    @Inject
    KubeSphereWire wire;

    @Inject
    Sandbox sandbox;

    @BeforeEach
    void clear() {
        sandbox.simulator().clearRequests();
    }

    private KubeSphereError refusedThroughClient(Route route, JsonNode body, String... path) {
        List<UpstreamCall> trace = new ArrayList<>();
        Uni<JsonNode> call = client.send(credentials.get(), KsCall.of(route, path).body(body), trace::add);
        return assertThrows(KubeSphereError.class, () -> call.await().atMost(Duration.ofSeconds(10)));
    }

    @Test
    void deletePatchAndRoleWritesAreRefusedByTheClient() {
        JsonNode role = JsonNodeFactory.instance.objectNode().put("kind", "GlobalRole");
        List<KubeSphereError> refusals = List.of(
                refusedThroughClient(Route.of("DELETE", "/kapis/tenant.kubesphere.io/v1beta1/workspacetemplates/{w}"),
                        null, "w", "stone"),
                refusedThroughClient(Route.of("PATCH", "/kapis/iam.kubesphere.io/v1beta1/users/{u}"), role, "u", "admin"),
                refusedThroughClient(Route.post("/kapis/iam.kubesphere.io/v1beta1/globalroles"), role),
                refusedThroughClient(Route.put("/kapis/iam.kubesphere.io/v1beta1/workspaces/{w}/workspaceroles/{r}"),
                        role, "w", "stone", "r", "stone-regular"));
        for (KubeSphereError refusal : refusals) {
            assertEquals(KubeSphereError.Kind.REFUSED_BY_POLICY, refusal.kind());
            assertThat(refusal.getMessage(), containsString("Nothing was sent to KubeSphere"));
        }
        assertThat("nothing reached the simulator", sandbox.simulator().requests(), empty());
    }

    /** Code that skips KubeSphereClient and its routes and writes raw requests still cannot get them out. */
    @Test
    void theWireRefusesRawRequestsThatBypassTheRoutes() {
        String auth = credentials.get().authorization().await().atMost(Duration.ofSeconds(10));
        sandbox.simulator().clearRequests();
        byte[] json = "{\"kind\":\"GlobalRole\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<Uni<WireResponse>> hostile = List.of(
                wire.send("DELETE", "/kapis/tenant.kubesphere.io/v1beta1/workspacetemplates/stone", "", Route.JSON, auth,
                        null, null),
                wire.send("PATCH", "/kapis/iam.kubesphere.io/v1beta1/users/stoneshi", "", Route.JSON, auth,
                        "application/merge-patch+json", json),
                wire.send("POST", "/kapis/iam.kubesphere.io/v1beta1/globalroles", "", Route.JSON, auth,
                        "application/json", json),
                wire.send("PUT", "/kapis/iam.kubesphere.io/v1beta1/workspaces/stone/workspaceroles/stone-regular", "",
                        Route.JSON, auth, "application/json", json),
                // an allowlisted method on a path no tool declares, and a traversal out of a declared one
                wire.send("GET", "/api/v1/secrets", "", Route.JSON, auth, null, null),
                wire.send("GET", "/kapis/tenant.kubesphere.io/v1beta1/workspacetemplates/../../../api/v1/secrets", "",
                        Route.JSON, auth, null, null));
        for (Uni<WireResponse> call : hostile) {
            KubeSphereError refusal = assertThrows(KubeSphereError.class, () -> call.await().atMost(Duration.ofSeconds(10)));
            assertEquals(KubeSphereError.Kind.REFUSED_BY_POLICY, refusal.kind());
            assertThat(refusal.getMessage(), containsString("Nothing was sent to KubeSphere"));
        }
        assertThat("nothing reached the simulator", sandbox.simulator().requests(), empty());
        // The same wire does send what a tool declares, so the refusals above are the guard's, not a broken client.
        WireResponse allowed = wire.send("GET", "/kapis/tenant.kubesphere.io/v1beta1/workspacetemplates/stone", "",
                Route.JSON, auth, null, null).await().atMost(Duration.ofSeconds(10));
        assertEquals(200, allowed.status());
        assertEquals(1, sandbox.simulator().requests().size());
    }

    @Test
    void unsafePathValuesAreRefusedBeforeTheNetwork() {
        Route get = Route.get("/kapis/tenant.kubesphere.io/v1beta1/workspacetemplates/{workspace}");
        for (String hostile : List.of("../x", "a/b", "%2e%2e", "..", ".hidden", "a?b=c", "a#b", "x".repeat(300), "")) {
            KubeSphereError e = refusedThroughClient(get, null, "workspace", hostile);
            assertEquals(KubeSphereError.Kind.REFUSED_BY_POLICY, e.kind(), hostile);
        }
        assertThat(sandbox.simulator().requests(), empty());
    }

    @Test
    void theAllowlistHoldsOnlyReadsAndCreatesAndUpdates() {
        assertFalse(guard.allowed().isEmpty());
        for (Route route : guard.allowed()) {
            assertThat(route.toString(), List.of("GET", "POST", "PUT").contains(route.method()));
            assertFalse(route.template().contains("roles") && !route.method().equals("GET"),
                    "no role object is ever written: " + route);
        }
        assertThrows(IllegalArgumentException.class,
                () -> new UpstreamGuard(java.util.Set.of(Route.of("DELETE", "/kapis/x/{y}"))));
    }
}
