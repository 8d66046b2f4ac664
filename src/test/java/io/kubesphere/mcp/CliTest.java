package io.kubesphere.mcp;

import io.kubesphere.mcp.config.ConfigKeys;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {

    @Test
    void flagsAreSpellingsOfTheConfigurationKeys() {
        Cli.Outcome outcome = Cli.parse("--transport", "http", "--port=0", "--read-only", "--toolsets", "devops",
                "--sandbox=false");
        assertTrue(outcome.run());
        assertEquals(Map.of("ks.mcp.transport", "http", "quarkus.http.port", "0", "ks.mcp.read.only", "true",
                "ks.mcp.toolsets", "devops", "ks.mcp.sandbox", "false"), outcome.properties());
        assertEquals(Map.of(), Cli.parse().properties());
    }

    @Test
    void helpListsEveryKeyWithItsDefaultAndTheFirstCommands() {
        Cli.Outcome help = Cli.parse("--help");
        assertEquals(0, help.exit());
        for (ConfigKeys.Key key : ConfigKeys.ALL) {
            String defaultValue = key.defaultValue().isEmpty() ? "none" : key.defaultValue();
            assertTrue(help.stdout().matches("(?s).*\\n  " + key.env() + " +default: " + java.util.regex.Pattern.quote(
                    defaultValue) + "\\n.*"), key.env() + " with its default");
        }
        for (String flag : new String[] {"--transport", "--port", "--read-only", "--toolsets", "--sandbox", "--version"}) {
            assertTrue(help.stdout().contains(flag), flag);
        }
        assertTrue(help.stdout().contains("kubesphere-mcp --sandbox\n"));
        assertTrue(help.stdout().contains("stdio") && help.stdout().contains("streamable HTTP"));
        assertEquals(0, Cli.parse("-h").exit());
    }

    @Test
    void versionNamesTheBuild() {
        Cli.Outcome version = Cli.parse("--version");
        assertEquals(0, version.exit());
        assertTrue(version.stdout().matches("kubesphere-mcp \\d+\\.\\d+\\.\\d+.*"), version.stdout());
    }

    @Test
    void mistakesAreOneLineEachAndSayWhereToLook() {
        Cli.Outcome unknown = Cli.parse("--sandbok");
        assertEquals(2, unknown.exit());
        assertFalse(unknown.stderr().contains("\n"), unknown.stderr());
        assertTrue(unknown.stderr().startsWith("kubesphere-mcp: Unknown option: '--sandbok'"), unknown.stderr());
        assertTrue(unknown.stderr().endsWith("Run kubesphere-mcp --help for the options."));

        Cli.Outcome bad = Cli.parse("--transport", "sse", "--port", "x");
        assertEquals(2, bad.exit());
        assertEquals("kubesphere-mcp: --transport='sse' is not valid: use stdio or http.", bad.stderr().lines().findFirst().orElseThrow());
        assertEquals(2, bad.stderr().lines().count(), bad.stderr());

        Cli.Outcome notBoolean = Cli.parse("--read-only=maybe");
        assertEquals(2, notBoolean.exit());
        assertTrue(notBoolean.stderr().contains("'maybe' is not a boolean"), notBoolean.stderr());
    }
}
