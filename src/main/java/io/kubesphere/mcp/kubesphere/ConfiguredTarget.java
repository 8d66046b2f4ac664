package io.kubesphere.mcp.kubesphere;

import io.kubesphere.mcp.config.KubeSphereConfig;
import io.quarkus.arc.lookup.LookupUnlessProperty;
import jakarta.enterprise.context.ApplicationScoped;

/** The real KubeSphere at KUBESPHERE_HOST (never a silent fallback to the sandbox). */
@ApplicationScoped
@LookupUnlessProperty(name = "ks.mcp.sandbox", stringValue = "true")
public class ConfiguredTarget implements KubeSphereTarget {

    private final KubeSphereConfig config;

    public ConfiguredTarget(KubeSphereConfig config) {
        this.config = config;
    }

    @Override
    public String baseUrl() {
        String host = config.host().map(String::strip).filter(h -> !h.isEmpty())
                .orElseThrow(() -> new IllegalStateException("KUBESPHERE_HOST is not set")).strip();
        return host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
    }
}
