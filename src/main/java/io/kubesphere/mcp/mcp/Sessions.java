package io.kubesphere.mcp.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.kubesphere.mcp.config.ServerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The open MCP sessions over HTTP and whom they belong to, with their limits: a session unused for
 * KS_MCP_SESSION_IDLE_TIMEOUT ends (its client initializes again, as after a lost replica); at most KS_MCP_MAX_SESSIONS
 * are open, and in passthrough at most KS_MCP_MAX_SESSIONS_PER_CALLER per KubeSphere user. The SDK's own sweeper frees
 * its side of an ended session (configured with the same idle time in {@link McpServerRuntime}).
 */
@ApplicationScoped
public class Sessions {

    /** What a session keeps of initialize: short texts, small capabilities. */
    static final int MAX_TEXT = 256;
    static final int MAX_CAPABILITY_BYTES = 4096;
    static final int MAX_CAPABILITIES = 16;

    private final Cache<String, String> owners;
    private final int max;
    private final int perCaller;
    private final Map<String, Integer> pending = new HashMap<>();
    private int pendingTotal;

    @Inject
    public Sessions(ServerConfig config, Clock clock) {
        this(config.sessionIdleTimeout(), config.maxSessions(), config.maxSessionsPerCaller(), clock);
    }

    /** Idle time is read from {@code clock}, so a test ends sessions by moving it instead of sleeping. */
    Sessions(Duration idle, int max, int perCaller, Clock clock) {
        this.owners = Caffeine.newBuilder().expireAfterAccess(idle)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
        this.max = max;
        this.perCaller = perCaller;
    }

    /** A place for a new session of {@code owner}, or why there is none. Give it back with {@link #bind} or {@link #cancel}. */
    synchronized Optional<String> reserve(String owner, boolean limitPerCaller) {
        owners.cleanUp();
        if (owners.estimatedSize() + pendingTotal >= max) {
            return Optional.of("This server has " + max + " MCP sessions open, the most it keeps (KS_MCP_MAX_SESSIONS). "
                    + "Close sessions you no longer use (HTTP DELETE /mcp) or retry once idle ones have expired.");
        }
        if (limitPerCaller) {
            long mine = owners.asMap().values().stream().filter(owner::equals).count() + pending.getOrDefault(owner, 0);
            if (mine >= perCaller) {
                return Optional.of("You have " + perCaller + " MCP sessions open on this server, the most per caller "
                        + "(KS_MCP_MAX_SESSIONS_PER_CALLER). Close one (HTTP DELETE /mcp) or reuse it.");
            }
        }
        pendingTotal++;
        pending.merge(owner, 1, Integer::sum);
        return Optional.empty();
    }

    synchronized void bind(String id, String owner) {
        owners.put(id, owner);
        cancel(owner);
    }

    synchronized void cancel(String owner) {
        Integer n = pending.get(owner);
        if (n == null) {
            return;
        }
        if (n > 1) {
            pending.put(owner, n - 1);
        } else {
            pending.remove(owner);
        }
        pendingTotal--;
    }

    /** The owner of an open session (its idle time starts again), or null when it ended or never was. */
    public String touch(String id) {
        return id == null ? null : owners.getIfPresent(id);
    }

    public void remove(String id) {
        owners.invalidate(id);
    }

    public long size() {
        owners.cleanUp();
        return owners.estimatedSize();
    }

    /**
     * The initialize request with what a session would keep bounded: clientInfo's texts clipped to {@value #MAX_TEXT}
     * characters (other fields dropped), capabilities larger than {@value #MAX_CAPABILITY_BYTES} bytes dropped. The
     * SDK keeps both for the session's lifetime.
     */
    static void trimInitialize(JsonNode message) {
        JsonNode params = message.path("params");
        if (!(params instanceof ObjectNode p)) {
            return;
        }
        if (p.get("clientInfo") instanceof ObjectNode info) {
            ObjectNode kept = info.objectNode();
            for (String field : new String[] {"name", "title", "version", "websiteUrl"}) {
                JsonNode value = info.get(field);
                if (value != null && value.isTextual()) {
                    String text = value.asText();
                    kept.put(field, text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
                }
            }
            p.set("clientInfo", kept);
        }
        if (p.get("capabilities") instanceof ObjectNode capabilities) {
            int kept = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = capabilities.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> capability = it.next();
                if (++kept > MAX_CAPABILITIES || capability.getValue().toString().length() > MAX_CAPABILITY_BYTES) {
                    it.remove();
                }
            }
        }
    }
}
