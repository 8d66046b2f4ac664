package io.kubesphere.mcp.kubesphere;

import io.kubesphere.mcp.kubesphere.api.Routes;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Policy rule 1: a request goes out only when its (method, raw path) matches a declared route; the REST clients'
 * request filter ({@link GuardFilter}) asks at the last moment before the network. DELETE and PATCH are on no list, so they can never leave, whatever
 * code asks for them.
 */
public final class UpstreamGuard {

    public static final Route TOKEN = Routes.TOKEN;
    /** Infrastructure read with no tenant data: readiness probes and checking a caller's token (401 if KubeSphere rejects it). */
    public static final Route VERSION = Routes.VERSION;

    private final Set<Route> allowed;
    /** The same routes, for matching raw paths in a stable order. */
    private final List<Route> ordered;

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
        this.ordered = List.copyOf(all);
    }

    public boolean permits(String method, String rawPath) {
        return match(method, rawPath).isPresent();
    }

    /** The declared route a raw request matches, or empty when it may not be sent. */
    public Optional<Route> match(String method, String rawPath) {
        for (Route route : ordered) {
            if (route.matches(method, rawPath)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
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
