package io.kubesphere.mcp.health;

import io.kubesphere.mcp.config.ServerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.List;

/**
 * JVM and process metrics (memory, GC, threads, classes, CPU, file descriptors, uptime) on /q/metrics, bound only
 * when something listens. Quarkus' own JVM binder is switched off at build time because it also ran on stdio, where
 * nobody reads them, at a cost to every spawn (docs/performance.md).
 */
@ApplicationScoped
public class JvmMetrics {

    private final ServerConfig config;
    private final MeterRegistry registry;
    private final List<AutoCloseable> open = new ArrayList<>();

    public JvmMetrics(ServerConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.transport() == ServerConfig.Transport.http || config.listen()) {
            bind();
        }
    }

    synchronized void bind() {
        if (!open.isEmpty()) {
            return;
        }
        JvmGcMetrics gc = new JvmGcMetrics();
        JvmHeapPressureMetrics heapPressure = new JvmHeapPressureMetrics();
        open.add(gc);
        open.add(heapPressure);
        gc.bindTo(registry);
        heapPressure.bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        for (AutoCloseable binder : open) {
            try {
                binder.close();
            } catch (Exception ignored) {
                // shutting down: nothing left to report to
            }
        }
        open.clear();
    }
}
