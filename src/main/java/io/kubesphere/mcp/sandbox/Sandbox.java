package io.kubesphere.mcp.sandbox;

import io.kubesphere.mcp.config.ServerConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/** Runs the built-in KubeSphere simulator on loopback when KS_MCP_SANDBOX=true. */
@ApplicationScoped
public class Sandbox {

    private static final Logger LOG = Logger.getLogger(Sandbox.class);

    private final ServerConfig config;
    private final Vertx vertx;
    private final Clock clock;
    private volatile KubeSphereSimulator simulator;

    public Sandbox(ServerConfig config, Vertx vertx, Clock clock) {
        this.clock = clock;
        this.config = config;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.sandbox()) {
            simulator();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        KubeSphereSimulator running = simulator;
        if (running != null) {
            running.stop();
        }
    }

    public synchronized KubeSphereSimulator simulator() {
        if (!config.sandbox()) {
            throw new IllegalStateException("the sandbox is off (KS_MCP_SANDBOX is not true)");
        }
        if (simulator == null) {
            KubeSphereSimulator created = KubeSphereSimulator.withDemoData(clock);
            try {
                created.start(vertx).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the sandbox simulator did not start: " + e.getMessage(), e);
            }
            LOG.infof("Sandbox: KubeSphere simulator with demo data at %s (no real cluster is used)", created.baseUrl());
            simulator = created;
        }
        return simulator;
    }

    public String baseUrl() {
        return simulator().baseUrl();
    }
}
