package io.kubesphere.mcp.kubesphere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.kubesphere.mcp.kubesphere.api.TenantApi;
import io.kubesphere.mcp.sandbox.Sandbox;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
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
    Sandbox sandbox;

    @BeforeEach
    void clear() {
        sandbox.simulator().clearRequests();
    }

    private HostileApi hostile() {
        return client.build(HostileApi.class, sandbox.baseUrl());
    }

    private KubeSphereError refusedThroughClient(java.util.function.Function<KsAuth, Uni<Response>> request) {
        List<UpstreamCall> trace = new ArrayList<>();
        Uni<JsonNode> call = client.call(credentials.get(), request, trace::add);
        KubeSphereError refusal = assertThrows(KubeSphereError.class, () -> call.await().atMost(Duration.ofSeconds(10)));
        // The audit trace says what was attempted, and that nothing answered.
        assertEquals(1, trace.size(), trace.toString());
        assertEquals(0, trace.get(0).status());
        return refusal;
    }

    @Test
    void deletePatchAndRoleWritesAreRefusedByTheClient() {
        JsonNode role = JsonNodeFactory.instance.objectNode().put("kind", "GlobalRole");
        HostileApi api = hostile();
        List<KubeSphereError> refusals = List.of(
                refusedThroughClient(auth -> api.deleteWorkspace(auth, "stone")),
                refusedThroughClient(auth -> api.patchUser(auth, "admin", role)),
                refusedThroughClient(auth -> api.createGlobalRole(auth, role)),
                refusedThroughClient(auth -> api.putWorkspaceRole(auth, "stone", "stone-regular", role)));
        for (KubeSphereError refusal : refusals) {
            assertEquals(KubeSphereError.Kind.REFUSED_BY_POLICY, refusal.kind());
            assertThat(refusal.getMessage(), containsString("Nothing was sent to KubeSphere"));
        }
        assertThat("nothing reached the simulator", sandbox.simulator().requests(), empty());
    }

    /** Code that skips KubeSphereClient.call and the tools' routes and invokes a client itself still cannot get out. */
    @Test
    void theFilterRefusesRawRequestsThatBypassTheRoutes() {
        String header = credentials.get().authorization().await().atMost(Duration.ofSeconds(10));
        sandbox.simulator().clearRequests();
        JsonNode json = JsonNodeFactory.instance.objectNode().put("kind", "GlobalRole");
        HostileApi api = hostile();
        List<Uni<Response>> attempts = List.of(
                api.deleteWorkspace(new KsAuth(header), "stone"),
                api.patchUser(new KsAuth(header), "stoneshi", json),
                api.createGlobalRole(new KsAuth(header), json),
                api.putWorkspaceRole(new KsAuth(header), "stone", "stone-regular", json),
                api.secrets(new KsAuth(header)),
                api.rawWorkspace(new KsAuth(header), "../../../api/v1/secrets"),
                api.rawWorkspace(new KsAuth(header), "stone%2F..%2F..%2Fapi"));
        for (Uni<Response> attempt : attempts) {
            KubeSphereError refusal = ErrorMapper.fromFailure(assertThrows(Throwable.class,
                    () -> attempt.await().atMost(Duration.ofSeconds(10))), "", Duration.ZERO);
            assertEquals(KubeSphereError.Kind.REFUSED_BY_POLICY, refusal.kind());
            assertThat(refusal.getMessage(), containsString("Nothing was sent to KubeSphere"));
        }
        assertThat("nothing reached the simulator", sandbox.simulator().requests(), empty());
        // The same client does send what a tool declares, so the refusals above are the guard's, not a broken client.
        try (Response allowed = api.rawWorkspace(new KsAuth(header), "stone").await().atMost(Duration.ofSeconds(10))) {
            assertEquals(200, allowed.getStatus());
        }
        assertEquals(1, sandbox.simulator().requests().size());
    }

    @Test
    void unsafePathValuesAreRefusedBeforeTheNetwork() {
        TenantApi tenant = client.tenant();
        for (String hostile : List.of("../x", "a/b", "%2e%2e", "..", ".hidden", "a?b=c", "a#b", "x".repeat(300), "",
                "a b", "a%2Fb")) {
            KubeSphereError e = refusedThroughClient(auth -> tenant.getWorkspace(auth, hostile));
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
