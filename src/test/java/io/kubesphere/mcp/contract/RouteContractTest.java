package io.kubesphere.mcp.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesphere.mcp.support.SandboxTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.catalog.ToolCatalog;
import io.kubesphere.mcp.catalog.ToolDefinition;
import io.kubesphere.mcp.kubesphere.Route;
import io.kubesphere.mcp.kubesphere.UpstreamGuard;
import io.kubesphere.mcp.kubesphere.api.Routes;
import io.kubesphere.mcp.sandbox.RecordedRequest;
import io.kubesphere.mcp.support.McpTestClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.kubesphere.mcp.support.McpTestClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Holds the client's API interfaces (kubesphere.api, every route they can send) to KubeSphere's published routes (src/test/resources/kubesphere-routes, generated from the route
 * tables of the v4.1.3 and ks-devops OpenAPI documents by scripts/kubesphere-routes.mjs): every route a tool or the
 * client declares exists there by method and path template, the Accept the client sends matches its produces under
 * go-restful's exact rule, every body the write tools build carries the required fields of the route's body type,
 * and the simulator serves every declared route.
 */
@QuarkusTest
class RouteContractTest extends SandboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DYNAMIC = "served by KubeSphere v4's dynamic resource handler "
            + "(pkg/apiserver/filters/dynamicresource.go), which go-restful's OpenAPI document does not list; "
            + "Kubernetes List shape, JSON";
    /** Only here: real routes the documents do not show, each with the reason. */
    static final Map<String, String> NOT_IN_THE_DOCUMENTS = Map.of(
            "GET /kapis/iam.kubesphere.io/v1beta1/globalroles", DYNAMIC,
            "GET /kapis/iam.kubesphere.io/v1beta1/clusterroles", DYNAMIC,
            "GET /kapis/iam.kubesphere.io/v1beta1/workspaces/{}/workspaceroles", DYNAMIC,
            "GET /kapis/iam.kubesphere.io/v1beta1/namespaces/{}/roles", DYNAMIC);

    @Inject
    ToolCatalog catalog;

    record Fact(String method, String path, List<String> produces, JsonNode body) {

        String key() {
            return method + " " + normal(path);
        }
    }

    static List<Fact> facts() throws Exception {
        List<Fact> out = new ArrayList<>();
        for (String file : List.of("kubesphere-v4.1.3.json", "ks-devops.json")) {
            try (InputStream in = RouteContractTest.class.getResourceAsStream("/kubesphere-routes/" + file)) {
                for (JsonNode r : JSON.readTree(in).get("routes")) {
                    List<String> produces = new ArrayList<>();
                    r.path("produces").forEach(p -> produces.add(p.asText()));
                    out.add(new Fact(r.get("method").asText(), r.get("path").asText(), produces, r.get("body")));
                }
            }
        }
        return out;
    }

    /** Variable names may differ: {devops} and {devops_project} are the same template. */
    static String normal(String template) {
        return template.replaceAll("\\{[^}]*}", "{}");
    }

    /** KubeSphere resolves /clusters/{cluster} in its request-info filter, before go-restful routes the rest. */
    static String unclustered(String path) {
        return path.replaceFirst("^/clusters/[^/]+(?=/kapis/)", "");
    }

    /** go-restful's Route.matchesAccept, written again from its description as an independent oracle. */
    static boolean goRestfulAccepts(List<String> produces, String accept) {
        if (accept == null || accept.isEmpty()) {
            return true;
        }
        for (String entry : accept.split(",")) {
            String type = entry.split(";", 2)[0].trim();
            if (type.equals("*/*") || produces.contains(type) || produces.contains("*/*")) {
                return true;
            }
        }
        return false;
    }

    /** Every route of every API interface: what the client can send at all (the tools declare subsets). */
    private Set<Route> declaredRoutes() {
        Set<Route> routes = new LinkedHashSet<>();
        Routes.APIS.forEach(api -> routes.addAll(Routes.all(api)));
        return routes;
    }

    /** So the checks below cover every call: a tool can only declare what an API interface has, as it has it. */
    @Test
    void everyToolRouteIsAnApiInterfaceRoute() {
        Map<Route, String> api = new LinkedHashMap<>();
        declaredRoutes().forEach(r -> api.put(r, r.produces()));
        List<String> problems = new ArrayList<>();
        for (ToolDefinition<?, ?> tool : catalog.all()) {
            for (Route route : tool.routes()) {
                if (!route.produces().equals(api.get(route))) {
                    problems.add(tool.name() + ": " + route + " (" + route.produces() + ") is not an API interface route");
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(api.containsKey(UpstreamGuard.TOKEN) && api.containsKey(UpstreamGuard.VERSION));
    }

    @Test
    void everyDeclaredRouteIsPublishedAndItsAcceptMatches() throws Exception {
        Map<String, Fact> byKey = new LinkedHashMap<>();
        facts().forEach(f -> byKey.putIfAbsent(f.key(), f));
        List<String> problems = new ArrayList<>();
        Set<String> exceptionsUsed = new TreeSet<>();
        for (Route route : declaredRoutes()) {
            String key = route.method() + " " + normal(unclustered(route.template()));
            if (NOT_IN_THE_DOCUMENTS.containsKey(key)) {
                exceptionsUsed.add(key);
                if (!route.accept().equals("application/json")) {
                    problems.add(route + ": a JSON route of the dynamic handler, but Accept " + route.accept());
                }
                continue;
            }
            Fact fact = byKey.get(key);
            if (fact == null) {
                problems.add(route + ": no such route in KubeSphere v4.1.3 or ks-devops");
            } else if (!goRestfulAccepts(fact.produces(), route.accept())) {
                problems.add(route + ": Accept " + route.accept() + " does not match produces " + fact.produces());
            }
        }
        assertEquals(List.of(), problems);
        // The exceptions stay honest: each is used by a tool and really absent from the documents.
        assertEquals(new TreeSet<>(NOT_IN_THE_DOCUMENTS.keySet()), exceptionsUsed);
        NOT_IN_THE_DOCUMENTS.keySet().forEach(k -> assertFalse(byKey.containsKey(k), k));
    }

    @Test
    void theLogRoutesAreTheTextOnesAndGetTheWildcard() throws Exception {
        List<Route> text = declaredRoutes().stream().filter(r -> r.template().endsWith("/log")).toList();
        // Run logs and step logs, each plain and under a branch, each with and without the cluster prefix.
        assertEquals(8, text.size(), text.toString());
        text.forEach(r -> assertEquals("*/*", r.accept(), r.toString()));
        // The rule itself: the Accept sent before this fix would be refused by the log routes.
        assertFalse(goRestfulAccepts(List.of("text/plain; charset=utf-8"), "application/json, text/plain"));
        assertTrue(goRestfulAccepts(List.of("application/json"), "application/json"));
    }

    @Test
    void theSimulatorServesEveryDeclaredRoute() {
        List<String> missing = new ArrayList<>();
        for (Route route : declaredRoutes()) {
            Map<String, String> values = new LinkedHashMap<>();
            route.variables().forEach(v -> values.put(v, v.equals("cluster") ? "host" : "x"));
            String path = route.expand(values);
            // What the client sends: the token form, JSON on other writes.
            String contentType = route.equals(UpstreamGuard.TOKEN) ? "application/x-www-form-urlencoded"
                    : route.method().equals("GET") ? null : "application/json";
            if (!sandbox.simulator().serves(route.method(), path, contentType, route.accept())) {
                missing.add(route.toString());
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyBodyTheWriteToolsBuildCarriesTheRequiredFields() throws Exception {
        String n = Long.toString(System.nanoTime() % 1_000_000L, 36);
        String user = "ct-user-" + n;
        // Two runs of a pipeline with an input step, both paused there: one to answer, one to stop.
        String inputPipeline = "ct-in-" + n;
        List<String> paused = new ArrayList<>();
        try (McpTestClient mcp = McpTestClient.http(root)) {
            assertFalse(mcp.call("create_pipeline", Map.of("devops_project", "stone-devops", "pipeline",
                    inputPipeline, "jenkinsfile", "pipeline { agent any\n stages { stage('a') { steps { "
                            + "input message: 'go?'\n echo 'x' } } } }")).isError());
            for (int i = 0; i < 2; i++) {
                paused.add((String) McpTestClient.structured(mcp.call("run_pipeline", Map.of("devops_project",
                        "stone-devops", "pipeline", inputPipeline))).get("name"));
            }
        }
        // A DevOps project of its own for the credentials, in a workspace of its own (other tests list the seed's).
        String credProject;
        try (McpTestClient mcp = McpTestClient.http(root)) {
            assertFalse(mcp.call("create_workspace", Map.of("workspace", "ct-pre-" + n, "clusters", List.of("host")))
                    .isError());
            credProject = (String) McpTestClient.structured(mcp.call("create_devops_project", Map.of("workspace",
                    "ct-pre-" + n, "name", "ct"))).get("namespace");
        }
        sandbox.simulator().advanceClock(java.time.Duration.ofSeconds(5));
        Map<String, Map<String, Object>> calls = new LinkedHashMap<>();
        calls.put("create_workspace", Map.of("workspace", "ct-ws-" + n, "clusters", List.of("host")));
        calls.put("create_project", Map.of("cluster", "host", "workspace", "stone", "project", "ct-proj-" + n));
        calls.put("create_user", Map.of("username", user, "email", user + "@example.com", "password", "Abcdefg1"));
        calls.put("set_platform_role", Map.of("username", user, "globalrole", "platform-self-provisioner"));
        calls.put("invite_workspace_member", Map.of("workspace", "stone", "username", user, "role", "regular"));
        calls.put("set_workspace_role", Map.of("workspace", "stone", "username", user, "role", "viewer"));
        calls.put("invite_project_member", Map.of("cluster", "host", "project", "stone-project", "username", user,
                "role", "viewer"));
        calls.put("set_project_role", Map.of("cluster", "host", "project", "stone-project", "username", user,
                "role", "operator"));
        calls.put("set_workspace_quota", Map.of("cluster", "host", "workspace", "stone", "hard",
                Map.of("limits.cpu", "2")));
        calls.put("set_user_state", Map.of("username", user, "state", "Disabled"));
        calls.put("create_pipeline", Map.of("devops_project", "stone-devops", "pipeline", "ct-pl-" + n,
                "jenkinsfile", "pipeline { agent any }", "parameters", List.of(Map.of("name", "TAG"))));
        calls.put("run_pipeline", Map.of("devops_project", "stone-devops", "pipeline", "build",
                "parameters", Map.of("TAG", "v1")));
        calls.put("create_devops_project", Map.of("workspace", "ct-pre-" + n, "name", "ct-dp-" + n));
        calls.put("create_credential", Map.of("devops_project", credProject, "name", "ct-cred-" + n,
                "type", "basic-auth", "username", "u", "password", "p"));
        calls.put("update_credential", Map.of("devops_project", credProject, "name", "ct-cred-" + n,
                "type", "basic-auth", "username", "u", "password", "p2"));
        calls.put("invite_devops_project_member", Map.of("devops_project", "stone-devops", "username", user,
                "role", "viewer"));
        calls.put("set_devops_project_role", Map.of("devops_project", "stone-devops", "username", user,
                "role", "operator"));
        calls.put("submit_pipeline_input", Map.of("devops_project", "stone-devops", "run", paused.get(0),
                "action", "approve"));
        calls.put("stop_pipeline_run", Map.of("devops_project", "stone-devops", "run", paused.get(1)));
        calls.put("rerun_pipeline_run", Map.of("devops_project", "stone-devops", "run", paused.get(1)));
        calls.put("scan_pipeline_repository", Map.of("devops_project", "stone-devops", "pipeline", "service-mb"));
        calls.put("update_jenkinsfile", Map.of("devops_project", "stone-devops", "pipeline", inputPipeline,
                "jenkinsfile", "pipeline { agent any }"));
        Set<String> writeTools = catalog.all().stream().filter(t -> !t.readOnly()).map(ToolDefinition::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(writeTools, new TreeSet<>(calls.keySet()), "every write tool is driven once here");

        sandbox.simulator().clearRequests();
        // A client that confirms: update_credential and disabling a user ask a person first.
        try (McpTestClient mcp = McpTestClient.http(root, r -> new ElicitResult(ElicitResult.Action.ACCEPT,
                Map.of("confirm", true)))) {
            calls.forEach((tool, args) -> {
                CallToolResult r = mcp.call(tool, args);
                assertFalse(r.isError(), tool + ": " + text(r));
            });
        }
        List<Fact> facts = facts();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (RecordedRequest sent : sandbox.simulator().requests()) {
            if (sent.body().isEmpty() || sent.path().startsWith("/oauth/")) {
                continue;
            }
            String path = unclustered(sent.path());
            Fact fact = facts.stream().filter(f -> f.method().equals(sent.method())
                    && path.matches(f.path().replaceAll("\\{[^}]*}", "[^/]+"))).findFirst().orElse(null);
            if (fact == null) {
                problems.add(sent.method() + " " + sent.path() + ": no published route");
                continue;
            }
            if (fact.body() != null) {
                requireFields(JSON.readTree(sent.body()), fact.body(), fact.body().path("array").asBoolean(),
                        sent.method() + " " + path + " " + fact.body().path("type").asText(), problems);
                checked++;
            }
        }
        assertEquals(List.of(), problems);
        // stop_pipeline_run and scan_pipeline_repository post no body (their routes read none).
        assertTrue(checked >= calls.size() - 2, "bodies checked: " + checked);
    }

    /** The required fields of a body type, and of its nested types where the body has them. */
    static void requireFields(JsonNode body, JsonNode type, boolean array, String where, List<String> problems) {
        if (array) {
            if (!body.isArray()) {
                problems.add(where + ": expected an array");
                return;
            }
            body.forEach(item -> requireFields(item, type, false, where + "[]", problems));
            return;
        }
        for (JsonNode field : type.path("required")) {
            JsonNode value = body.get(field.asText());
            if (value == null || value.isNull()) {
                problems.add(where + ": required field " + field.asText() + " is missing");
            }
        }
        type.path("fields").fields().forEachRemaining(e -> {
            if (body.has(e.getKey()) && e.getValue() instanceof ObjectNode nested) {
                requireFields(body.get(e.getKey()), nested, nested.path("array").asBoolean(),
                        where + "." + e.getKey(), problems);
            }
        });
    }
}
