package io.kubesphere.mcp.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Minimal go-restful-like router. Hand-rolled rather than vertx-web so that 404/405 bodies, the Allow header and
 * the cluster-prefix rewrite match KubeSphere byte for byte. It selects a route as go-restful does: path (on the
 * decoded path, like Go's {@code URL.Path}), then method (405), then Content-Type against consumes (415), then
 * Accept against produces (406).
 */
final class SimRouter {
    interface Handler {
        SimResponse handle(SimExchange ex);
    }

    /** What a route produces and consumes, as its go-restful registration declares it; empty consumes = any. */
    record Media(List<String> produces, List<String> consumes) {
        static final Media JSON = new Media(List.of(SimResponse.JSON), List.of());
        static final Media TEXT = new Media(List.of(SimResponse.TEXT), List.of());
    }

    private record Route(String method, String[] segments, Media media, Handler handler) {
    }

    sealed interface Match permits Found, NotFound, MethodNotAllowed, UnsupportedMediaType, NotAcceptable {
    }

    record UnsupportedMediaType() implements Match {
    }

    record NotAcceptable() implements Match {
    }

    record Found(Handler handler, Map<String, String> params) implements Match {
    }

    record NotFound() implements Match {
    }

    record MethodNotAllowed(Set<String> allow) implements Match {
    }

    private final List<Route> routes = new ArrayList<>();

    /** A route producing application/json and consuming anything (most KubeSphere and ks-devops routes). */
    SimRouter add(String method, String template, Handler handler) {
        return add(method, template, Media.JSON, handler);
    }

    SimRouter add(String method, String template, Media media, Handler handler) {
        routes.add(new Route(method, split(template), media, handler));
        return this;
    }

    /** Every registered (method, template) pair, for tests that hold the routes to the published ones. */
    List<String> templates() {
        return routes.stream().map(r -> r.method + " /" + String.join("/", r.segments)).toList();
    }

    Match match(String method, String rawPath) {
        return match(method, rawPath, null, null);
    }

    Match match(String method, String rawPath, String contentType, String accept) {
        String[] segs = split(decode(rawPath));
        Set<String> allow = new LinkedHashSet<>();
        Match refused = null;
        for (Route r : routes) {
            Map<String, String> params = bind(r.segments, segs);
            if (params == null) {
                continue;
            }
            if (!r.method.equals(method)) {
                allow.add(r.method);
                continue;
            }
            if (!consumes(r, method, contentType)) {
                refused = new UnsupportedMediaType();
            } else if (!accepts(r.media.produces(), accept)) {
                refused = refused == null ? new NotAcceptable() : refused;
            } else {
                return new Found(r.handler, params);
            }
        }
        if (refused != null) {
            return refused;
        }
        return allow.isEmpty() ? new NotFound() : new MethodNotAllowed(allow);
    }

    /** go-restful's Route.matchesContentType: no consumes means anything; bodiless methods may omit the header. */
    static boolean consumes(Route r, String method, String contentType) {
        List<String> consumes = r.media.consumes();
        if (consumes.isEmpty()) {
            return true;
        }
        String ct = contentType == null ? "" : contentType;
        if (ct.isEmpty()) {
            if (Set.of("GET", "HEAD", "OPTIONS", "DELETE", "TRACE").contains(method)) {
                return true;
            }
            ct = "application/octet-stream";
        }
        int semi = ct.indexOf(';');
        String type = (semi < 0 ? ct : ct.substring(0, semi)).strip();
        return consumes.stream().anyMatch(c -> c.equals("*/*") || c.equalsIgnoreCase(type));
    }

    /**
     * go-restful's Route.matchesAccept: each Accept entry with its parameters cut off is compared exactly with the
     * produces strings; a wildcard entry (any type, any subtype) or an absent header matches anything.
     */
    static boolean accepts(List<String> produces, String accept) {
        if (accept == null || accept.isEmpty()) {
            return true;
        }
        for (String entry : accept.split(",")) {
            int semi = entry.indexOf(';');
            String type = (semi < 0 ? entry : entry.substring(0, semi)).strip();
            if (type.equals("*/*")) {
                return true;
            }
            for (String p : produces) {
                if (p.equals("*/*") || p.equals(type)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Map<String, String> bind(String[] template, String[] segs) {
        if (template.length != segs.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{")) {
                params.put(t.substring(1, t.length() - 1), segs[i]);
            } else if (!t.equals(segs[i])) {
                return null;
            }
        }
        return params;
    }

    static String[] split(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out.toArray(String[]::new);
    }

    /** Path segments are percent-decoded, but '+' stays literal as in Go's url.PathUnescape. */
    static String decode(String seg) {
        try {
            return URLDecoder.decode(seg.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return seg;
        }
    }
}
