package io.kubesphere.mcp.kubesphere;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** One request a tool wants to make: a declared route, its path values, query parameters and an optional JSON body. */
public record KsCall(Route route, Map<String, String> path, Map<String, String> query, JsonNode body) {

    public static KsCall of(Route route, String... pathKeyValues) {
        if (pathKeyValues.length % 2 != 0) {
            throw new IllegalArgumentException("path values come in key/value pairs");
        }
        Map<String, String> path = new LinkedHashMap<>();
        for (int i = 0; i < pathKeyValues.length; i += 2) {
            path.put(pathKeyValues[i], pathKeyValues[i + 1]);
        }
        return new KsCall(route, path, new LinkedHashMap<>(), null);
    }

    /** Adds a query parameter unless the value is null or blank (KubeSphere treats every unknown key as a filter). */
    public KsCall query(String key, Object value) {
        if (value != null && !String.valueOf(value).isBlank()) {
            query.put(key, String.valueOf(value));
        }
        return this;
    }

    public KsCall body(JsonNode json) {
        return new KsCall(route, path, query, json);
    }
}
