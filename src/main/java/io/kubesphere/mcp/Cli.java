package io.kubesphere.mcp;

import io.kubesphere.mcp.config.ConfigCheck;
import io.kubesphere.mcp.config.ConfigKeys;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The command line, parsed with picocli before Quarkus starts: {@code --help} and {@code --version} answer without
 * booting anything, and each flag is only another spelling of a documented configuration key (set as its system
 * property, which Quarkus ranks above the environment). The option model is built in code, not from annotations, so
 * nothing here needs reflection in a native image.
 */
final class Cli {

    static final String NAME = "kubesphere-mcp";
    private static final int WIDTH = 100;

    /** A flag and the configuration key it sets. */
    private record Flag(String name, String label, String env, String description, boolean bool) {
    }

    private static final List<Flag> FLAGS = List.of(
            new Flag("--transport", "stdio|http", "KS_MCP_TRANSPORT", "How clients reach the server (default stdio)", false),
            new Flag("--port", "N", "QUARKUS_HTTP_PORT", "HTTP port (default 8080; 0 picks a free one)", false),
            new Flag("--toolsets", "LIST", "KS_MCP_TOOLSETS", "Comma list of toolsets: tenant, devops (default both)", false),
            new Flag("--read-only", "", "KS_MCP_READ_ONLY", "Offer and allow only the tools that read", true),
            new Flag("--sandbox", "", "KS_MCP_SANDBOX",
                    "Serve against the built-in KubeSphere simulator with demo data (no cluster needed)", true));

    /** What the command line asks for: stop with an exit code and text, or run with these system properties. */
    record Outcome(Integer exit, String stdout, String stderr, Map<String, String> properties) {
        boolean run() {
            return exit == null;
        }
    }

    private Cli() {
    }

    static Outcome parse(String... args) {
        CommandLine commandLine = new CommandLine(spec());
        ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(args);
        } catch (ParameterException e) {
            return new Outcome(2, "", NAME + ": " + e.getMessage().strip() + ". Run " + NAME + " --help for the options.",
                    Map.of());
        }
        if (parsed.isUsageHelpRequested()) {
            return new Outcome(0, commandLine.getUsageMessage(CommandLine.Help.Ansi.OFF) + footer(), "", Map.of());
        }
        if (parsed.isVersionHelpRequested()) {
            return new Outcome(0, NAME + " " + version(), "", Map.of());
        }
        Map<String, String> properties = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Flag flag : FLAGS) {
            if (!parsed.hasMatchedOption(flag.name())) {
                continue;
            }
            Object value = parsed.matchedOptionValue(flag.name(), null);
            String text = String.valueOf(value);
            ConfigKeys.Key key = ConfigKeys.key(flag.env());
            String problem = ConfigCheck.problem(flag.name(), key, text);
            if (problem != null) {
                problems.add(NAME + ": " + problem);
            }
            properties.put(key.property(), text.strip());
        }
        if (!problems.isEmpty()) {
            return new Outcome(2, "", String.join("\n", problems), Map.of());
        }
        return new Outcome(null, "", "", properties);
    }

    static void print(Outcome outcome, PrintStream out, PrintStream err) {
        if (!outcome.stdout().isEmpty()) {
            out.println(outcome.stdout().stripTrailing());
        }
        if (!outcome.stderr().isEmpty()) {
            err.println(outcome.stderr());
        }
    }

    private static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name(NAME).version(NAME + " " + version()).mixinStandardHelpOptions(true);
        spec.usageMessage().width(WIDTH);
        for (Flag flag : FLAGS) {
            OptionSpec.Builder option = OptionSpec.builder(flag.name())
                    .description(flag.description() + " [" + flag.env() + "]");
            if (flag.bool()) {
                // --read-only alone means true; --read-only=false is accepted too.
                option.type(boolean.class).arity("0..1").fallbackValue("true").paramLabel("true|false");
            } else {
                option.type(String.class).paramLabel("<" + flag.label() + ">");
            }
            spec.addOption(option.build());
        }
        spec.usageMessage()
                .description("", "An MCP server for KubeSphere tenant management and DevOps pipelines: typed tools over "
                                + "the KubeSphere v4 API with a policy in code (no deletes, built-in roles only, least "
                                + "privilege, a person confirms admin grants).",
                        "",
                        "Transports: stdio (the default: an IDE or agent spawns this process and speaks JSON-RPC on its "
                                + "stdin/stdout) or http (streamable HTTP at http://127.0.0.1:8080/mcp).",
                        "");
        return spec;
    }

    /** Written here rather than by picocli, which wraps footers without indentation. */
    private static String footer() {
        List<String> lines = new ArrayList<>();
        lines.add("");
        wrap("Configuration: environment variables; each also works as -D<key in lower case with dots>, e.g. "
                + "KS_MCP_READ_ONLY = -Dks.mcp.read.only. The flags above set the same keys.", "", lines);
        lines.add("");
        for (ConfigKeys.Key key : ConfigKeys.ALL) {
            String defaultValue = key.defaultValue().isEmpty() ? "none" : key.defaultValue();
            lines.add(String.format("  %-32s default: %s", key.env(), defaultValue));
            wrap(key.meaning().replace("`", ""), "      ", lines);
        }
        lines.add("");
        lines.add("Try it:");
        lines.add("  " + NAME + " --sandbox");
        lines.add("      stdio on the built-in simulator with demo data (users admin, stoneshi; password P@88w0rd)");
        lines.add("  " + NAME + " --sandbox --transport http");
        lines.add("      the same over streamable HTTP at http://127.0.0.1:8080/mcp");
        lines.add("  KUBESPHERE_HOST=https://ks.example.com KUBESPHERE_USERNAME=admin KUBESPHERE_PASSWORD=... " + NAME);
        lines.add("      a real KubeSphere (see README.md for MCP client snippets)");
        return String.join("\n", lines) + "\n";
    }

    private static void wrap(String text, String indent, List<String> lines) {
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" ")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
    }

    /** The Maven project version, written into the jar by the build; "dev" when run from unpackaged classes. */
    static String version() {
        try (InputStream in = Cli.class.getResourceAsStream("/kubesphere-mcp.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version", "");
                if (!version.isBlank() && !version.startsWith("${")) {
                    return version;
                }
            }
        } catch (Exception e) {
            // fall through
        }
        return "dev";
    }
}
