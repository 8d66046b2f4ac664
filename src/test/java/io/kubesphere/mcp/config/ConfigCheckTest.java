package io.kubesphere.mcp.config;

import io.kubesphere.mcp.catalog.Toolset;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigCheckTest {

    private static List<String> problems(Map<String, String> env) {
        return ConfigCheck.problems(key -> env.get(key.env()));
    }

    @Test
    void wellFormedValuesPass() {
        assertEquals(List.of(), problems(Map.of("KS_MCP_TRANSPORT", "HTTP", "KS_MCP_READ_ONLY", "True",
                "KUBESPHERE_READ_TIMEOUT", "500ms", "KUBESPHERE_LOGIN_BACKOFF", "PT2M", "KS_MCP_TOOLSETS", " devops ,tenant",
                "QUARKUS_HTTP_PORT", "0", "KUBESPHERE_HOST", "https://[fd00::1]:8443/ks", "KS_MCP_AUTH", "passthrough")));
    }

    @Test
    void eachMalformedValueIsOneLineThatSaysWhatToWrite() {
        assertEquals(List.of("KS_MCP_TRANSPORT='sse' is not valid: use stdio or http."),
                problems(Map.of("KS_MCP_TRANSPORT", "sse")));
        // SmallRye itself would read this as false: an operator asking for read-only must not get writes.
        assertEquals(List.of("KS_MCP_READ_ONLY='yes' is not a boolean: use true or false."),
                problems(Map.of("KS_MCP_READ_ONLY", "yes")));
        assertEquals(List.of("KUBESPHERE_READ_TIMEOUT='soon' is not a duration: write e.g. 30s, 500ms or 2m."),
                problems(Map.of("KUBESPHERE_READ_TIMEOUT", "soon")));
        assertEquals(List.of("KS_MCP_TOOLSETS names 'bogus', which is not known: use a comma list of tenant, devops."),
                problems(Map.of("KS_MCP_TOOLSETS", "tenant,bogus")));
        assertEquals(List.of("KS_MCP_TOOLSETS is empty: use a comma list of tenant, devops."),
                problems(Map.of("KS_MCP_TOOLSETS", " , ")));
        assertEquals(List.of("QUARKUS_HTTP_PORT='80800' is not a port: use a number from 0 to 65535 (0 picks a free one)."),
                problems(Map.of("QUARKUS_HTTP_PORT", "80800")));
        assertEquals(List.of("KUBESPHERE_HOST='ks-apiserver:80' is not an http(s) URL: write e.g. "
                + "http://ks-apiserver.kubesphere-system."), problems(Map.of("KUBESPHERE_HOST", "ks-apiserver:80")));
        assertEquals(2, problems(Map.of("KS_MCP_SANDBOX", "on", "KS_MCP_LISTEN", "1")).size());
    }

    @Test
    void theAuditCapIsASize() {
        assertEquals(List.of(), problems(Map.of("KS_MCP_AUDIT_LOG_MAX_SIZE", "512k")));
        assertEquals(List.of("KS_MCP_AUDIT_LOG_MAX_SIZE='ten megs' is not a size: write e.g. 10M, 512K or 1G "
                + "(bytes without a unit)."), problems(Map.of("KS_MCP_AUDIT_LOG_MAX_SIZE", "ten megs")));
        assertEquals(10L << 20, ConfigCheck.bytes("10M"));
        assertEquals(4096, ConfigCheck.bytes("4096"));
        assertEquals(1L << 30, ConfigCheck.bytes("1GB"));
        assertEquals(-1, ConfigCheck.bytes("0.5M"));
    }

    @Test
    void theToolsetChoicesAreTheToolsets() {
        assertEquals(Arrays.stream(Toolset.values()).map(Enum::name).toList(), ConfigKeys.TOOLSETS);
    }

    @Test
    void setupProblemsNameTheKeysToSet() {
        var none = new ConfigCheck.Setup(false, false, false, "", "", false, false);
        assertTrue(ConfigCheck.setupProblem(none, u -> true).startsWith("No KubeSphere to talk to. Set KUBESPHERE_HOST"));
        var noCredentials = new ConfigCheck.Setup(false, false, false, "http://ks", "", false, false);
        assertTrue(ConfigCheck.setupProblem(noCredentials, u -> true).startsWith("No KubeSphere credentials."));
        var passthroughOnStdio = new ConfigCheck.Setup(true, false, true, "", "", false, false);
        assertTrue(ConfigCheck.setupProblem(passthroughOnStdio, u -> true).contains("needs KS_MCP_TRANSPORT=http"));
        var unknownDemoUser = new ConfigCheck.Setup(false, false, true, "", "nobody", false, false);
        String problem = ConfigCheck.setupProblem(unknownDemoUser, u -> u.equals("stoneshi"));
        assertEquals("KUBESPHERE_USERNAME='nobody' is not a demo user of the sandbox: unset it (admin) or use stoneshi "
                + "or demo-user (README, The sandbox's demo data).", problem);
        assertTrue(!problem.contains("token"), "no token was configured, so none is mentioned");
        assertNull(ConfigCheck.setupProblem(new ConfigCheck.Setup(false, false, true, "", "stoneshi", false, false),
                u -> u.equals("stoneshi")));
        assertNull(ConfigCheck.setupProblem(new ConfigCheck.Setup(false, true, false, "http://ks", "a", true, false),
                u -> false));
    }
}
