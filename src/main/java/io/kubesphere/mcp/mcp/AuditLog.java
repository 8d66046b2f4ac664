package io.kubesphere.mcp.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.kubesphere.UpstreamCall;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.kubesphere.mcp.config.ConfigCheck;
import io.kubesphere.mcp.config.Jackson;
import jakarta.inject.Inject;
import org.jboss.logmanager.handlers.SizeRotatingFileHandler;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One JSON line per write tool call, allowed or refused: time, identity, tool, arguments with secrets masked, what was
 * sent to KubeSphere and what it answered, outcome, duration. Goes to stderr or a file, never to stdout. A line is
 * bounded whatever the caller sent: long values keep their first characters and say how long they were, large maps
 * and lists their first entries; a call refused by validation keeps even less. The file rotates at
 * KS_MCP_AUDIT_LOG_MAX_SIZE, keeping {@value #BACKUPS} older files.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final Set<String> SECRET_KEYS = Set.of("password", "token", "secret", "passphrase", "private_key",
            "refresh_token", "access_token", "kubeconfig");
    private static final String MASK = "***";
    static final int BACKUPS = 5;

    /** How much of the arguments a line keeps. */
    private record Limits(int characters, int entries, int depth) {
    }

    private static final Limits FULL = new Limits(256, 50, 4);
    /** A call refused by validation: nothing was sent, so the line only needs to show what was tried. */
    private static final Limits COMPACT = new Limits(64, 10, 2);
    private static final int MAX_KEY = 64;
    private static final int MAX_MESSAGE = 512;

    private final ObjectMapper json = Jackson.plain();
    private final String destination;
    private final long maxSize;
    private final PrintStream stderr = System.err;
    private Handler file;
    private boolean fileFailed;

    public AuditLog(String destination) {
        this(destination, "10M");
    }

    @Inject
    public AuditLog(@ConfigProperty(name = "ks.mcp.audit.log", defaultValue = "stderr") String destination,
            @ConfigProperty(name = "ks.mcp.audit.log.max.size", defaultValue = "10M") String maxSize) {
        this.destination = destination.strip();
        long bytes = ConfigCheck.bytes(maxSize);
        this.maxSize = bytes > 0 ? bytes : 10L * 1024 * 1024;
    }

    public void record(String identity, String tool, Map<String, Object> arguments, List<UpstreamCall> calls,
            String outcome, String message, long durationMillis) {
        Limits limits = "invalid".equals(outcome) ? COMPACT : FULL;
        ObjectNode line = json.createObjectNode();
        line.put("time", Instant.now().toString());
        line.put("audit", "kubesphere-mcp");
        line.put("identity", clip(identity, MAX_KEY));
        line.put("tool", clip(tool, MAX_KEY));
        line.set("arguments", json.valueToTree(bound(arguments, limits, 0)));
        var requests = line.putArray("requests");
        for (UpstreamCall call : calls) {
            requests.addObject().put("method", call.method()).put("path", call.path()).put("status", call.status());
        }
        line.put("outcome", outcome);
        if (!calls.isEmpty()) {
            line.put("kubesphere_status", calls.get(calls.size() - 1).status());
        }
        if (message != null) {
            line.put("message", clip(message, MAX_MESSAGE));
        }
        line.put("duration_ms", durationMillis);
        write(line.toString());
    }

    static Map<String, Object> mask(Map<String, Object> arguments) {
        return bound(arguments, FULL, 0);
    }

    /** Secrets masked at any depth (lists included), and everything bounded by {@code limits}. */
    private static Map<String, Object> bound(Map<?, ?> arguments, Limits limits, int depth) {
        if (arguments == null) {
            return Map.of();
        }
        Map<String, Object> bounded = new LinkedHashMap<>();
        int shown = 0;
        for (Map.Entry<?, ?> entry : arguments.entrySet()) {
            if (shown++ == limits.entries()) {
                bounded.put("…", (arguments.size() - limits.entries()) + " more entries");
                break;
            }
            String key = String.valueOf(entry.getKey());
            bounded.put(clip(key, MAX_KEY), isSecret(key) ? MASK : value(entry.getValue(), limits, depth + 1));
        }
        return bounded;
    }

    private static Object value(Object value, Limits limits, int depth) {
        if (value instanceof Map<?, ?> map) {
            return depth >= limits.depth() ? "{" + map.size() + " entries}" : bound(map, limits, depth);
        }
        if (value instanceof List<?> list) {
            if (depth >= limits.depth()) {
                return "[" + list.size() + " items]";
            }
            List<Object> bounded = new ArrayList<>();
            for (Object item : list.subList(0, Math.min(list.size(), limits.entries()))) {
                bounded.add(value(item, limits, depth + 1));
            }
            if (list.size() > limits.entries()) {
                bounded.add("… " + (list.size() - limits.entries()) + " more items");
            }
            return bounded;
        }
        return value instanceof String text ? clip(text, limits.characters()) : value;
    }

    /** The first characters of a long text, and how long it was. */
    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text
                : text.substring(0, max) + "… (" + text.length() + " characters)";
    }

    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return SECRET_KEYS.contains(k) || k.endsWith("password") || k.endsWith("_token") || k.endsWith("secret");
    }

    private synchronized void write(String line) {
        if (destination.isEmpty() || destination.equals("stderr")) {
            stderr.println(line);
            return;
        }
        Handler handler = file();
        if (handler == null) {
            stderr.println(line);
            return;
        }
        handler.publish(new LogRecord(Level.INFO, line));
    }

    /**
     * JBoss LogManager's size-rotating handler (Quarkus' own file logging uses it): the file is opened on the first
     * line, renamed to .1 (.1 to .2 ...) when the next line would pass the cap, and flushed after every line. Never
     * closed here, so that calls still finishing while the server stops are audited too.
     */
    private Handler file() {
        if (file == null && !fileFailed) {
            try {
                SizeRotatingFileHandler handler = new SizeRotatingFileHandler();
                handler.setEncoding(StandardCharsets.UTF_8.name());
                handler.setAutoFlush(true);
                handler.setRotateSize(maxSize);
                handler.setMaxBackupIndex(BACKUPS);
                handler.setFormatter(new Formatter() {
                    @Override
                    public String format(LogRecord record) {
                        return record.getMessage() + System.lineSeparator();
                    }
                });
                handler.setFile(new File(destination));
                file = handler;
            } catch (IOException | RuntimeException e) {
                fileFailed = true;
                LOG.errorf("cannot write the audit log to %s (%s); audit lines go to stderr", destination,
                        e.getMessage());
            }
        }
        return file;
    }
}
