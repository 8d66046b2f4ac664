package io.kubesphere.mcp.health;

import io.kubesphere.mcp.kubesphere.KubeSphereEvents;
import io.kubesphere.mcp.kubesphere.Route;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The server's own Prometheus metrics (at /q/metrics). Every tag value comes from a closed set (tool names, route
 * templates, status codes, outcomes), never from arguments, names or tokens, so cardinality stays bounded.
 */
@ApplicationScoped
public class ServerMetrics implements KubeSphereEvents {

    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    /** Meters by name and tags: a builder's register() per call costs more than the call's own metric work. */
    private final Map<String, Meter> meters = new ConcurrentHashMap<>();

    public ServerMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Present from first use (at 0; over HTTP the first readiness probe), so that "no logins yet" and "no such
        // metric" look different on a dashboard. Not at start-up: on stdio every millisecond before initialize counts.
        for (String grant : new String[] {"password", "refresh_token"}) {
            for (boolean success : new boolean[] {true, false}) {
                grantCounter(grant, success);
            }
        }
    }

    /** One finished tools/call; outcome is the audit log's word: ok, invalid, refused or error. */
    public void toolCall(String tool, String outcome, long nanos) {
        counter("calls " + tool + " " + outcome, () -> Counter.builder("ks.mcp.tool.calls")
                .description("MCP tool calls by tool and outcome").tags("tool", tool, "outcome", outcome)).increment();
        if (!"ok".equals(outcome)) {
            counter("errors " + tool + " " + outcome, () -> Counter.builder("ks.mcp.tool.errors")
                    .description("Tool calls that returned an error (invalid, refused, error)")
                    .tags("tool", tool, "outcome", outcome)).increment();
        }
        if ("refused".equals(outcome)) {
            counter("refusals " + tool, () -> Counter.builder("ks.mcp.policy.refusals")
                    .description("Tool calls refused by this server's policy (allowlist, read-only, privileged grants)")
                    .tags("tool", tool)).increment();
        }
        ((Timer) meters.computeIfAbsent("duration " + tool, key -> Timer.builder("ks.mcp.tool.duration")
                .description("Tool call latency, KubeSphere round trips included").tags("tool", tool)
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry)))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private Counter counter(String key, Supplier<Counter.Builder> builder) {
        return (Counter) meters.computeIfAbsent(key, k -> builder.get().register(registry));
    }

    /** The passthrough gate's verdict on one HTTP request to /mcp. */
    public void callerAuth(String result) {
        counter("auth " + result, () -> Counter.builder("ks.mcp.caller.auth")
                .description("Caller token checks at /mcp (KS_MCP_AUTH=passthrough)").tags("result", result)).increment();
    }

    @Override
    public void response(Route route, int status) {
        String code = status == 0 ? "none" : Integer.toString(status);
        counter("responses " + route.method() + " " + route.template() + " " + code, () -> Counter.builder(
                "ks.mcp.kubesphere.responses")
                .description("KubeSphere answers by route and HTTP status (none = not sent or no answer)")
                .tags("method", route.method(), "route", route.template(), "status", code)).increment();
    }

    @Override
    public void grant(String grantType, boolean success) {
        grantCounter(grantType, success).increment();
    }

    private Counter grantCounter(String grantType, boolean success) {
        boolean refresh = "refresh_token".equals(grantType);
        return Counter.builder(refresh ? "ks.mcp.kubesphere.token.refreshes" : "ks.mcp.kubesphere.logins")
                .description(refresh ? "OAuth token refreshes of the server's own credentials"
                        : "OAuth password logins of the server's own credentials")
                .tags("result", success ? "success" : "failure").register(registry);
    }
}
