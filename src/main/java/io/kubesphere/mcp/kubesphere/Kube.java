package io.kubesphere.mcp.kubesphere;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reading KubeSphere objects without binding them to classes (fields come and go between versions). */
public final class Kube {

    private Kube() {
    }

    public static String name(JsonNode object) {
        return text(object.path("metadata").path("name"));
    }

    public static String annotation(JsonNode object, String key) {
        return text(object.path("metadata").path("annotations").path(key));
    }

    public static String label(JsonNode object, String key) {
        return text(object.path("metadata").path("labels").path(key));
    }

    public static boolean hasLabel(JsonNode object, String key) {
        return object.path("metadata").path("labels").has(key);
    }

    public static String created(JsonNode object) {
        return text(object.path("metadata").path("creationTimestamp"));
    }

    /** Text of a node, or null when absent, null or empty (outputs omit nulls). */
    public static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        String value = node.asText();
        return value.isEmpty() ? null : value;
    }

    /** The items of a KubeSphere list; tolerates {@code null} bodies and {@code "items":null} (ks-devops quirks). */
    public static <T> List<T> items(JsonNode list, Function<JsonNode, T> mapper) {
        List<T> out = new ArrayList<>();
        JsonNode items = list == null ? null : list.isArray() ? list : list.path("items");
        if (items != null && items.isArray()) {
            items.forEach(item -> out.add(mapper.apply(item)));
        }
        return out;
    }

    /** A query parameter value, or null (not sent) when blank: KubeSphere treats every key it gets as a filter. */
    public static String param(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** totalItems of a KubeSphere list, or the item count when the body has none. */
    public static int total(JsonNode list) {
        if (list != null && list.has("totalItems")) {
            return list.get("totalItems").asInt();
        }
        JsonNode items = list == null ? null : list.isArray() ? list : list.path("items");
        return items != null && items.isArray() ? items.size() : 0;
    }
}
