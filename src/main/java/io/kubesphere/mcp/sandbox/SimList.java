package io.kubesphere.mcp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * KubeSphere's query semantics (pkg/apiserver/query + DefaultObjectMetaFilter, v4 flavour): 1-based page, limit -1
 * for all, newest first, name substring (also alias annotation), exact names, label/annotation selectors; unknown
 * keys are ignored.
 */
final class SimList {
    record Page(List<ObjectNode> items, int total) {
    }

    private SimList() {
    }

    static Page apply(List<ObjectNode> all, Map<String, String> q) {
        List<ObjectNode> filtered = all.stream().filter(o -> matches(o, q)).collect(Collectors.toCollection(ArrayList::new));
        filtered.sort(comparator(q));
        int total = filtered.size();
        int limit = intParam(q.get("limit"), -1);
        int page = Math.max(1, intParam(q.get("page"), 1));
        if (limit < 0) {
            return new Page(filtered, total);
        }
        long start = (long) (page - 1) * limit;
        if (start >= total) {
            return new Page(List.of(), total);
        }
        return new Page(filtered.subList((int) start, (int) Math.min(total, start + limit)), total);
    }

    /** {"items":[...],"totalItems":N}; devops lists answer items:null when empty (DO FromKSListResult). */
    static ObjectNode body(Page p, boolean nullWhenEmpty) {
        ObjectNode out = Json.o();
        if (p.items().isEmpty() && nullWhenEmpty) {
            out.set("items", NullNode.instance);
        } else {
            ArrayNode items = out.putArray("items");
            p.items().forEach(i -> items.add(i.deepCopy()));
        }
        out.put("totalItems", p.total());
        return out;
    }

    /** The v4 dynamic-resource handler's Kubernetes List, total in metadata.continue. */
    static ObjectNode kubeList(Page p, Map<String, String> q) {
        int limit = intParam(q.get("limit"), -1);
        int page = Math.max(1, intParam(q.get("page"), 1));
        long remaining = limit < 0 ? 0 : Math.max(0, p.total() - (long) page * limit);
        ArrayNode items = Json.a();
        p.items().forEach(i -> items.add(i.deepCopy()));
        return Json.o("metadata", Json.o("continue", Integer.toString(p.total()), "remainingItemCount", remaining),
                "items", items);
    }

    static int intParam(String v, int dflt) {
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static boolean matches(ObjectNode o, Map<String, String> q) {
        String name = Json.name(o);
        String v = q.get("name");
        if (v != null && !v.isEmpty()) {
            String alias = Json.annotation(o, SimWorld.ANN_ALIAS);
            boolean hit = (name != null && name.contains(v))
                    || (alias != null && alias.toLowerCase(Locale.ROOT).contains(v.toLowerCase(Locale.ROOT)));
            if (!hit) {
                return false;
            }
        }
        v = q.get("names");
        if (v != null && !v.isEmpty()) {
            Set<String> names = Arrays.stream(v.split(",")).map(String::trim).collect(Collectors.toSet());
            if (!names.contains(name)) {
                return false;
            }
        }
        v = q.get("uid");
        if (v != null && !v.isEmpty() && !v.equals(Json.str(o, "metadata", "uid"))) {
            return false;
        }
        v = q.get("namespace");
        if (v != null && !v.isEmpty() && !v.equals(Json.str(o, "metadata", "namespace"))) {
            return false;
        }
        for (String key : List.of("labelSelector", "label")) {
            v = q.get(key);
            if (v != null && !v.isEmpty() && !selectorMatches(v, o.path("metadata").path("labels"))) {
                return false;
            }
        }
        v = q.get("annotation");
        return v == null || v.isEmpty() || selectorMatches(v, o.path("metadata").path("annotations"));
    }

    /** Equality-based selector: k=v, k==v, k!=v, k, !k, comma-separated (AND). */
    static boolean selectorMatches(String selector, JsonNode map) {
        for (String raw : selector.split(",")) {
            String term = raw.trim();
            if (term.isEmpty()) {
                continue;
            }
            boolean ok;
            int ne = term.indexOf("!=");
            int eq = term.indexOf('=');
            if (ne > 0) {
                JsonNode val = map.get(term.substring(0, ne).trim());
                ok = val == null || !val.asText().equals(term.substring(ne + 2).trim());
            } else if (eq > 0) {
                String key = term.substring(0, eq).trim();
                String want = term.substring(term.startsWith("==", eq) ? eq + 2 : eq + 1).trim();
                JsonNode val = map.get(key);
                ok = val != null && val.asText().equals(want);
            } else if (term.startsWith("!")) {
                ok = !map.has(term.substring(1).trim());
            } else {
                ok = map.has(term);
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** DefaultObjectMetaCompare: newest first, equal timestamps by name descending; ascending flips it. */
    private static Comparator<ObjectNode> comparator(Map<String, String> q) {
        String sortBy = q.getOrDefault("sortBy", "creationTimestamp");
        Comparator<ObjectNode> byName = Comparator.comparing(o -> nullToEmpty(Json.name(o)));
        Comparator<ObjectNode> c;
        if ("name".equals(sortBy)) {
            c = byName;
        } else {
            c = Comparator.<ObjectNode, String>comparing(o -> nullToEmpty(Json.str(o, "metadata", "creationTimestamp")))
                    .thenComparing(byName);
        }
        boolean ascending = "true".equalsIgnoreCase(q.get("ascending"));
        return ascending ? c : c.reversed();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
