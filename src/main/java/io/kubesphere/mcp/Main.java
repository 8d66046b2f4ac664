package io.kubesphere.mcp;

import io.kubesphere.mcp.config.ServerConfig;
import io.kubesphere.mcp.kubesphere.KubeSphereEndpoint;
import io.kubesphere.mcp.mcp.McpServerRuntime;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;

import java.io.PrintStream;
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
        protocolOut = System.out;
        if (stdio()) {
            System.setOut(System.err);
            // Feeds quarkus.http.host-enabled (the dev and test profiles override it): no port unless asked for.
            if (System.getProperty("ks.mcp.listen") == null && System.getenv("KS_MCP_LISTEN") == null) {
                System.setProperty("ks.mcp.listen", "false");
            }
        }
        Quarkus.run(Main.class, args);
    }

    private static boolean stdio() {
        String transport = System.getProperty("ks.mcp.transport", System.getenv().getOrDefault("KS_MCP_TRANSPORT", "stdio"));
        return transport.strip().toLowerCase(Locale.ROOT).equals("stdio");
    }

    @Override
    public int run(String... args) throws Exception {
        var problem = endpoint.problem();
        if (problem.isPresent()) {
            System.err.println("kubesphere-mcp-server: " + problem.get());
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
