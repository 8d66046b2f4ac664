package io.kubesphere.mcp.kubesphere;

/**
 * The Authorization of one request attempt, passed to an API interface method as its {@code @HeaderParam}. The guard
 * filter replaces it with its header value before the request leaves and records here what was about to be sent (method,
 * raw path, the matched route), so the audit trace and the metrics name the request the socket saw.
 */
public final class KsAuth {

    private final String header;
    private volatile String method;
    private volatile String path;
    private volatile Route route;

    KsAuth(String header) {
        this.header = header;
    }

    /** The header value, or null for a request that carries none. */
    public String header() {
        return header;
    }

    void sent(String method, String path, Route route) {
        this.method = method;
        this.path = path;
        this.route = route;
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    /** The declared route the request matched; null when the guard refused it or it never reached the guard. */
    Route route() {
        return route;
    }

    /** Never the credential itself: this object may end up in a log line. */
    @Override
    public String toString() {
        return header == null ? "none" : "Bearer ***";
    }
}
