package io.kubesphere.mcp.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.kubesphere.UpstreamCall;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One JSON line per write tool call, allowed or refused: time, identity, tool, arguments with secrets masked, what was
 * sent to KubeSphere and what it answered, outcome, duration. Goes to stderr or a file, never to stdout.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final Set<String> SECRET_KEYS = Set.of("password", "token", "secret", "passphrase", "private_key",
            "refresh_token", "access_token", "kubeconfig");
    private static final String MASK = "***";

    private final ObjectMapper json = new ObjectMapper();
    private final String destination;
    private final PrintStream stderr = System.err;

    public AuditLog(@ConfigProperty(name = "ks.mcp.audit.log", defaultValue = "stderr") String destination) {
        this.destination = destination.strip();
    }

    public void record(String identity, String tool, Map<String, Object> arguments, List<UpstreamCall> calls,
            String outcome, String message, long durationMillis) {
        ObjectNode line = json.createObjectNode();
        line.put("time", Instant.now().toString());
        line.put("audit", "kubesphere-mcp");
        line.put("identity", identity);
        line.put("tool", tool);
        line.set("arguments", json.valueToTree(mask(arguments)));
        var requests = line.putArray("requests");
        for (UpstreamCall call : calls) {
            requests.addObject().put("method", call.method()).put("path", call.path()).put("status", call.status());
        }
        line.put("outcome", outcome);
        if (!calls.isEmpty()) {
            line.put("kubesphere_status", calls.get(calls.size() - 1).status());
        }
        if (message != null) {
            line.put("message", message);
        }
        line.put("duration_ms", durationMillis);
        write(line.toString());
    }

    static Map<String, Object> mask(Map<String, Object> arguments) {
        if (arguments == null) {
            return Map.of();
        }
        Map<String, Object> masked = new java.util.LinkedHashMap<>();
        arguments.forEach((k, v) -> masked.put(k, isSecret(k) ? MASK : v instanceof Map<?, ?> m ? maskNested(m) : v));
        return masked;
    }

    @SuppressWarnings("unchecked")
    private static Object maskNested(Map<?, ?> map) {
        return mask((Map<String, Object>) map);
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
        try {
            Files.writeString(Path.of(destination), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            LOG.errorf("cannot write the audit log to %s (%s); the line goes to stderr", destination, e.getMessage());
            stderr.println(line);
        }
    }
}
