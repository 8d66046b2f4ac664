package io.kubesphere.mcp.tenant;

import io.kubesphere.mcp.support.SandboxTest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.kubesphere.mcp.support.McpTestClient.ok;
import static io.kubesphere.mcp.support.McpTestClient.structured;
import static io.kubesphere.mcp.support.McpTestClient.text;
import static io.kubesphere.mcp.tenant.TenantTestSupport.IAM;
import static io.kubesphere.mcp.tenant.TenantTestSupport.TENANT;
import static io.kubesphere.mcp.tenant.TenantTestSupport.api;
import static io.kubesphere.mcp.tenant.TenantTestSupport.only;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** get_project, list_workspace_clusters, list_cluster_members and list_roles' cluster scope, as admin. */
@QuarkusTest
class ClusterToolsTest extends SandboxTest {

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(CallToolResult r) {
        return (List<Map<String, Object>>) structured(r).get("items");
    }

    @Test
    void getProjectReadsTheNamespaceOfTheWorkspace() {
        CallToolResult r = ok(call("get_project", Map.of("cluster", "host", "workspace", "stone",
                "project", "stone-project")));
        only(sandbox, "GET", "/clusters/host" + TENANT + "/workspaces/stone/namespaces/stone-project");
        assertEquals("stone", structured(r).get("workspace"));
        assertEquals("admin", structured(r).get("creator"));

        sandbox.simulator().clearRequests();
        CallToolResult other = call("get_project", Map.of("cluster", "host", "workspace", "demo",
                "project", "stone-project"));
        assertTrue(other.isError(), "a project of another workspace is not found there");
        assertThat(text(other), containsString("404"));
    }

    @Test
    void workspaceClustersAreItsPlacement() {
        CallToolResult r = ok(call("list_workspace_clusters", Map.of("workspace", "stone")));
        only(sandbox, "GET", TENANT + "/workspaces/stone/clusters");
        assertEquals(List.of("host"), items(r).stream().map(c -> c.get("name")).toList());
        assertThat(text(r), containsString("is on host"));
    }

    @Test
    void clusterMembersMarkTheBuiltInRoles() {
        CallToolResult r = ok(call("list_cluster_members", Map.of("cluster", "host",
                "clusterrole", "cluster-viewer")));
        assertEquals("clusterrole=cluster-viewer&page=1&limit=20",
                only(sandbox, "GET", "/clusters/host" + IAM + "/clustermembers").query());
        assertEquals("stoneshi", items(r).get(0).get("username"));
        assertEquals("cluster-viewer", items(r).get(0).get("built_in_role"));
    }

    @Test
    void clusterRolesAreBuiltInButNotAssignableHere() {
        CallToolResult r = ok(call("list_roles", Map.of("scope", "cluster", "cluster", "host")));
        only(sandbox, "GET", "/clusters/host" + IAM + "/clusterroles");
        assertEquals(List.of("cluster-admin", "cluster-viewer"),
                items(r).stream().map(i -> i.get("name")).sorted().toList());
        items(r).forEach(i -> {
            assertEquals(true, i.get("built_in"));
            assertEquals(false, i.get("assignable"));
        });
        sandbox.simulator().clearRequests();
        CallToolResult missing = call("list_roles", Map.of("scope", "cluster"));
        assertTrue(missing.isError());
        assertThat(text(missing), containsString("needs 'cluster'"));
        assertThat(api(sandbox), empty());
    }

    @Test
    void hostileValuesAreRefusedBeforeAnyRequest() {
        List<Map.Entry<String, Map<String, Object>>> hostile = List.of(
                Map.entry("get_project", Map.of("cluster", "host", "workspace", "stone", "project", "../x")),
                Map.entry("get_project", Map.of("cluster", "host", "workspace", "Stone", "project", "x")),
                Map.entry("get_project", Map.of("cluster", "h%2Fost", "workspace", "stone", "project", "x")),
                Map.entry("list_workspace_clusters", Map.of("workspace", "stone/../demo")),
                Map.entry("list_workspace_clusters", Map.of("workspace", "a".repeat(64))),
                Map.entry("list_cluster_members", Map.of("cluster", "host?x=1")),
                Map.entry("list_cluster_members", Map.of("cluster", "host", "clusterrole", "x&limit=-1")),
                Map.entry("list_cluster_members", Map.of("cluster", "host", "limit", 201)),
                Map.entry("list_roles", Map.of("scope", "cluster", "cluster", "../host")));
        for (Map.Entry<String, Map<String, Object>> call : hostile) {
            CallToolResult r = call(call.getKey(), call.getValue());
            assertTrue(r.isError(), call::toString);
            assertThat(call.toString(), text(r), containsString("must"));
        }
        assertThat(api(sandbox), empty());
    }
}
