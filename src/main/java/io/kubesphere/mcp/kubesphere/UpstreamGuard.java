package io.kubesphere.mcp.kubesphere;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Policy rule 1: a request goes out only when its (method, raw path) matches a declared route; {@link KubeSphereWire}
 * asks at the last moment before the network. DELETE and PATCH are on no list, so they can never leave, whatever
 * code asks for them.
 */
public final class UpstreamGuard {

    public static final Route TOKEN = Route.post("/oauth/token");
    /** Infrastructure read with no tenant data: readiness probes and checking a caller's token (401 if KubeSphere rejects it). */
    public static final Route VERSION = Route.get("/kapis/version");

    private final Set<Route> allowed;

    public UpstreamGuard(Set<Route> routes) {
        Set<Route> all = new LinkedHashSet<>(routes);
        all.add(TOKEN);
        all.add(VERSION);
        for (Route route : all) {
            if (!route.method().equals("GET") && !route.method().equals("POST") && !route.method().equals("PUT")) {
                throw new IllegalArgumentException("only GET, POST and PUT may be allowlisted, not " + route);
            }
        }
        this.allowed = Set.copyOf(all);
    }

    public boolean permits(String method, String rawPath) {
        for (Route route : allowed) {
            if (route.matches(method, rawPath)) {
                return true;
            }
        }
        return false;
    }

    public boolean permits(Route route) {
        return allowed.contains(route);
    }

    public Set<Route> allowed() {
        return allowed;
    }

    public static KubeSphereError refusal(String method, String path) {
        return new KubeSphereError(KubeSphereError.Kind.REFUSED_BY_POLICY, 0, "",
                "Refused by this server's policy: " + method + " " + path + " is not one of the requests its tools may "
                        + "send (no deletes, no patches, no role edits). Nothing was sent to KubeSphere.");
    }
}
