package io.kubesphere.mcp;

import io.kubesphere.mcp.config.ConfigCheck;
import io.kubesphere.mcp.config.ServerConfig;
import io.kubesphere.mcp.kubesphere.KubeSphereEndpoint;
import io.kubesphere.mcp.mcp.McpServerRuntime;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Entry point. On stdio, stdout carries only JSON-RPC: the real stdout is kept for the protocol and System.out is
 * pointed at stderr before anything can print; no HTTP port is opened, and the process ends when stdin closes.
 */
@QuarkusMain
public class Main implements QuarkusApplication {

    private static PrintStream protocolOut = System.out;

    @Inject
    ServerConfig config;
    @Inject
    KubeSphereEndpoint endpoint;
    @Inject
    McpServerRuntime runtime;

    public static void main(String... args) {
        Cli.Outcome cli = Cli.parse(args);
        if (!cli.run()) {
            Cli.print(cli, System.out, System.err);
            System.exit(cli.exit());
        }
        cli.properties().forEach(System::setProperty);
        // A malformed value ends here in one line per key, before Quarkus could print a configuration stack trace.
        // Only what the environment and -D say: the settings that depend on each other (and on the dev profile's
        // defaults, invisible before start-up) are checked by run().
        List<String> problems = ConfigCheck.problems(ConfigCheck::lookup);
        if (!problems.isEmpty()) {
            problems.forEach(problem -> System.err.println(Cli.NAME + ": " + problem));
            System.exit(2);
        }
        protocolOut = System.out;
        if (stdio()) {
            System.setOut(System.err);
            // Feeds quarkus.http.host-enabled (the dev and test profiles override it): no port unless asked for.
            if (System.getProperty("ks.mcp.listen") == null && System.getenv("KS_MCP_LISTEN") == null) {
                System.setProperty("ks.mcp.listen", "false");
            }
            // The shutdown delay keeps an HTTP replica serving while a load balancer notices its readiness is DOWN;
            // a spawned stdio process has no balancer, and its client waits for it to exit.
            if (System.getProperty("quarkus.shutdown.delay") == null && System.getenv("QUARKUS_SHUTDOWN_DELAY") == null) {
                System.setProperty("quarkus.shutdown.delay", "0s");
            }
        }
        // The flags are system properties by now; nothing else reads the arguments.
        Quarkus.run(Main.class);
    }

    private static boolean stdio() {
        String transport = System.getProperty("ks.mcp.transport", System.getenv().getOrDefault("KS_MCP_TRANSPORT", "stdio"));
        return transport.strip().toLowerCase(Locale.ROOT).equals("stdio");
    }

    @Override
    public int run(String... args) throws Exception {
        var problem = endpoint.problem();
        if (problem.isPresent()) {
            System.err.println(Cli.NAME + ": " + problem.get());
            return 2;
        }
        if (config.transport() == ServerConfig.Transport.stdio) {
            runtime.serveStdio(System.in, protocolOut);
            return 0;
        }
        Quarkus.waitForExit();
        return 0;
    }
}
