package io.kubesphere.mcp.kubesphere;

import io.kubesphere.mcp.kubesphere.GitBranch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {branch} path variable: exactly the %2F escape, a git branch underneath, escaped once more on the wire. */
class BranchRouteTest {

    static final Route LOG = Route.get("/kapis/devops.kubesphere.io/v1alpha2/namespaces/{devops_project}/pipelines/"
            + "{pipeline}/branches/{branch}/runs/{jenkins_id}/log").produces(Route.TEXT);

    private static String expand(String branch) {
        return LOG.expand(Map.of("devops_project", "d", "pipeline", "p", "branch", branch, "jenkins_id", "1"));
    }

    @Test
    void theJenkinsNameIsEscapedOnceMoreSoGoDecodesItBackToTheName() {
        String path = expand("feat%2Flogin");
        assertEquals("/kapis/devops.kubesphere.io/v1alpha2/namespaces/d/pipelines/p/branches/feat%252Flogin/runs/1/log",
                path);
        assertTrue(LOG.matches("GET", path));
        assertEquals("main", expand("main").replaceAll(".*/branches/([^/]+)/.*", "$1"));
    }

    @Test
    void anythingElseIsRefusedBeforeAPathExists() {
        for (String bad : List.of("feat/login", "..", "%2e%2e", "feat%2F..%2Fx", "a%25", "a%252Fb", "a%20b", "-x",
                "%2Fx", "x%2F", "a%2F%2Fb", "x.lock", "a%2F.b", "a\\b", "a?b", "")) {
            assertThrows(IllegalArgumentException.class, () -> expand(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> LOG.expand(Map.of("devops_project", "d", "pipeline", "p",
                "jenkins_id", "1")));
    }

    @Test
    void theGuardMatchesNoClimbingSegment() {
        String base = "/kapis/devops.kubesphere.io/v1alpha2/namespaces/d/pipelines/p/branches/";
        for (String segment : List.of("..", ".", "%2e%2e", "a%2Fb", "a%25", "a/b", "%252F..")) {
            assertFalse(LOG.matches("GET", base + segment + "/runs/1/log"), segment);
        }
        // Other variables still take no '%' at all.
        assertFalse(Route.get("/x/{pipeline}").matches("GET", "/x/a%252Fb"));
    }

    @Test
    void eitherFormOfABranchIsOneBranch() {
        assertEquals(GitBranch.parse("feat/login"), GitBranch.parse("feat%2Flogin"));
        assertEquals("feat%2Flogin", GitBranch.parse("feat/login").orElseThrow().name());
        assertTrue(GitBranch.parse("release/1.2_x-y").isPresent());
        for (String bad : List.of("a b", "a~1", "a^", "a:b", "a*", "a[b", "a\u0001", "a@{1}", "/a", "a/", "a.",
                "a..b", "a//b", ".a", "a/.b", "a.lock", "-a")) {
            assertTrue(GitBranch.parse(bad).isEmpty(), bad);
        }
    }
}
