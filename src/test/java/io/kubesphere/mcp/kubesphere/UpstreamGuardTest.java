package io.kubesphere.mcp.kubesphere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.kubesphere.mcp.sandbox.Sandbox;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Policy rule 1: what is not on the allowlist never reaches the network, whoever asks. */
@QuarkusTest
class UpstreamGuardTest {

    /** A client that tries what no tool may do. */
    @Path("/")
    public interface HostileApi {
        @DELETE
        @Path("/kapis/tenant.kubesphere.io/v1beta1/workspacetemplates/stone")
        Uni<Response> deleteWorkspace(@HeaderParam("Authorization") String auth);

        @PATCH
        @Path("/kapis/iam.kubesphere.io/v1beta1/users/stoneshi")
        @Consumes("application/merge-patch+json")
        Uni<Response> patchUser(@HeaderParam("Authorization") String auth, String body);

        @POST
        @Path("/kapis/iam.kubesphere.io/v1beta1/globalroles")
        @Consumes("application/json")
        Uni<Response> createGlobalRole(@HeaderParam("Authorization") String auth, String body);

        @PUT
        @Path("/kapis/iam.kubesphere.io/v1beta1/workspaces/stone/workspaceroles/stone-regular")
        @Consumes("application/json")
        Uni<Response> editWorkspaceRole(@HeaderParam("Authorization") String auth, String body);
    }

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

    @Test
    void theFilterRefusesEvenARestClientThatBypassesTheRoutes() {
        HostileApi hostile = client.build(HostileApi.class);
        String auth = credentials.get().authorization().await().atMost(Duration.ofSeconds(10));
        sandbox.simulator().clearRequests();
        List<Response> responses = List.of(
                hostile.deleteWorkspace(auth).await().atMost(Duration.ofSeconds(10)),
                hostile.patchUser(auth, "{\"metadata\":{}}").await().atMost(Duration.ofSeconds(10)),
                hostile.createGlobalRole(auth, "{\"kind\":\"GlobalRole\"}").await().atMost(Duration.ofSeconds(10)),
                hostile.editWorkspaceRole(auth, "{\"rules\":[]}").await().atMost(Duration.ofSeconds(10)));
        for (Response response : responses) {
            assertNotNull(response.getHeaderString(UpstreamGuard.REFUSED_HEADER));
        }
        assertThat("nothing reached the simulator", sandbox.simulator().requests(), empty());
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
