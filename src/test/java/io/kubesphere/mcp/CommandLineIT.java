package io.kubesphere.mcp;

import io.kubesphere.mcp.mcp.StdioIT;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged jar's command line as a person meets it: help, version, and one line per configuration mistake. */
class CommandLineIT {

    private record Run(int exit, String stdout, String stderr) {
    }

    private static Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(StdioIT.command());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("KS_MCP_") || k.startsWith("KUBESPHERE_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process ends by itself");
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void helpAndVersionAnswerWithoutStartingTheServer() throws Exception {
        Run help = run(Map.of(), "--help");
        assertEquals(0, help.exit(), help.stderr());
        assertTrue(help.stdout().contains("KS_MCP_TRANSPORT") && help.stdout().contains("--sandbox"), help.stdout());
        assertFalse(help.stderr().contains("started in"), "Quarkus did not start: " + help.stderr());

        Run version = run(Map.of(), "--version");
        assertEquals(0, version.exit());
        assertTrue(version.stdout().strip().matches("kubesphere-mcp \\d+\\.\\d+\\.\\d+\\S*"), version.stdout());
    }

    @Test
    void eachConfigurationMistakeIsOneLineWithoutAStackTrace() throws Exception {
        assertOneLine(run(Map.of("KS_MCP_SANDBOX", "true", "KS_MCP_TOOLSETS", "tenant,bogus")),
                "kubesphere-mcp: KS_MCP_TOOLSETS names 'bogus', which is not known: use a comma list of tenant, devops.");
        assertOneLine(run(Map.of("KS_MCP_SANDBOX", "true", "KS_MCP_TRANSPORT", "sse")),
                "kubesphere-mcp: KS_MCP_TRANSPORT='sse' is not valid: use stdio or http.");
        // Settings that only fail together are checked once Quarkus has read its profiles: its start and stop lines
        // surround the one line of the problem, and nothing else is printed.
        assertProblemLine(run(Map.of("KS_MCP_SANDBOX", "true", "KUBESPHERE_USERNAME", "nobody")),
                "kubesphere-mcp: KUBESPHERE_USERNAME='nobody' is not a demo user of the sandbox: unset it (admin) or "
                        + "use stoneshi or demo-user (README, The sandbox's demo data).");
        assertProblemLine(run(Map.of()), "kubesphere-mcp: No KubeSphere to talk to. Set KUBESPHERE_HOST to the "
                + "ks-apiserver URL (e.g. http://ks-apiserver.kubesphere-system) with KUBESPHERE_USERNAME/"
                + "KUBESPHERE_PASSWORD or KUBESPHERE_TOKEN, or set KS_MCP_SANDBOX=true to try the built-in simulator "
                + "with demo data.");
        assertOneLine(run(Map.of("KS_MCP_SANDBOX", "true"), "--port", "http"),
                "kubesphere-mcp: --port='http' is not a port: use a number from 0 to 65535 (0 picks a free one).");
    }

    private static void assertProblemLine(Run run, String line) {
        assertEquals(2, run.exit(), run.stderr());
        List<String> lines = run.stderr().lines().filter(l -> !l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO .*")).toList();
        assertEquals(List.of(line), lines, "one line besides Quarkus' start and stop: " + run.stderr());
        assertEquals("", run.stdout(), "nothing on stdout");
    }

    private static void assertOneLine(Run run, String line) {
        assertEquals(2, run.exit(), run.stderr());
        assertEquals(line, run.stderr().strip(), "exactly one line on stderr");
        assertEquals("", run.stdout(), "nothing on stdout");
    }
}
