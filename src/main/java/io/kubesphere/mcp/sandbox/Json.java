package io.kubesphere.mcp.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;

/** Small helpers for building Kubernetes-style JSON objects without POJOs. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Json() {
    }

    static ObjectNode o(Object... kv) {
        ObjectNode n = F.objectNode();
        for (int i = 0; i < kv.length; i += 2) {
            n.set((String) kv[i], v(kv[i + 1]));
        }
        return n;
    }

    static ArrayNode a(Object... values) {
        ArrayNode n = F.arrayNode();
        for (Object v : values) {
            n.add(v(v));
        }
        return n;
    }

    static JsonNode v(Object x) {
        if (x == null) {
            return NullNode.instance;
        }
        if (x instanceof JsonNode j) {
            return j;
        }
        if (x instanceof String s) {
            return F.textNode(s);
        }
        if (x instanceof Integer i) {
            return F.numberNode(i);
        }
        if (x instanceof Long l) {
            return F.numberNode(l);
        }
        if (x instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (x instanceof Instant t) {
            return F.textNode(ts(t));
        }
        if (x instanceof Map<?, ?> m) {
            ObjectNode n = F.objectNode();
            m.forEach((k, val) -> n.set(String.valueOf(k), v(val)));
            return n;
        }
        if (x instanceof Collection<?> c) {
            ArrayNode n = F.arrayNode();
            c.forEach(e -> n.add(v(e)));
            return n;
        }
        return F.textNode(String.valueOf(x));
    }

    /** Kubernetes metav1.Time renders whole seconds in UTC. */
    static String ts(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String write(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a JSON text (an annotation value); null when absent or malformed. */
    static JsonNode read(String text) {
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Returns the child object, creating it when absent or not an object. */
    static ObjectNode child(ObjectNode parent, String field) {
        JsonNode c = parent.get(field);
        if (c instanceof ObjectNode on) {
            return on;
        }
        return parent.putObject(field);
    }

    static ObjectNode meta(ObjectNode obj) {
        return child(obj, "metadata");
    }

    static ObjectNode labels(ObjectNode obj) {
        return child(meta(obj), "labels");
    }

    static ObjectNode annotations(ObjectNode obj) {
        return child(meta(obj), "annotations");
    }

    /** Text at a field path, or null when missing or not textual. */
    static String str(JsonNode n, String... path) {
        JsonNode cur = n;
        for (String p : path) {
            if (cur == null || !cur.isObject()) {
                return null;
            }
            cur = cur.get(p);
        }
        return cur != null && cur.isTextual() ? cur.asText() : null;
    }

    static String name(JsonNode obj) {
        return str(obj, "metadata", "name");
    }

    static String label(JsonNode obj, String key) {
        return str(obj, "metadata", "labels", key);
    }

    static String annotation(JsonNode obj, String key) {
        return str(obj, "metadata", "annotations", key);
    }
}
