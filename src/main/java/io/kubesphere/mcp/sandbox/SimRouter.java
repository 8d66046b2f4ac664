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
 * the cluster-prefix rewrite match KubeSphere byte for byte.
 */
final class SimRouter {
    interface Handler {
        SimResponse handle(SimExchange ex);
    }

    private record Route(String method, String[] segments, Handler handler) {
    }

    sealed interface Match permits Found, NotFound, MethodNotAllowed {
    }

    record Found(Handler handler, Map<String, String> params) implements Match {
    }

    record NotFound() implements Match {
    }

    record MethodNotAllowed(Set<String> allow) implements Match {
    }

    private final List<Route> routes = new ArrayList<>();

    SimRouter add(String method, String template, Handler handler) {
        routes.add(new Route(method, split(template), handler));
        return this;
    }

    Match match(String method, String path) {
        String[] segs = split(path);
        Set<String> allow = new LinkedHashSet<>();
        for (Route r : routes) {
            Map<String, String> params = bind(r.segments, segs);
            if (params == null) {
                continue;
            }
            if (r.method.equals(method)) {
                return new Found(r.handler, params);
            }
            allow.add(r.method);
        }
        return allow.isEmpty() ? new NotFound() : new MethodNotAllowed(allow);
    }

    private static Map<String, String> bind(String[] template, String[] segs) {
        if (template.length != segs.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{")) {
                params.put(t.substring(1, t.length() - 1), decode(segs[i]));
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
