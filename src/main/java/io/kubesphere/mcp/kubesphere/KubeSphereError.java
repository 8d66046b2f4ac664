package io.kubesphere.mcp.kubesphere;

/**
 * A failed KubeSphere call, already turned into words an agent can act on. {@code status} is the HTTP status KubeSphere
 * answered, or 0 when nothing came back (network, timeout, or a request this server refused to send).
 */
public final class KubeSphereError extends RuntimeException {

    public enum Kind { BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, INVALID, RATE_LIMITED, SERVER,
        UNREACHABLE, TIMEOUT, REFUSED_BY_POLICY, UNEXPECTED }

    private final Kind kind;
    private final int status;
    private final String upstreamMessage;

    public KubeSphereError(Kind kind, int status, String upstreamMessage, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.status = status;
        this.upstreamMessage = upstreamMessage;
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    /** What KubeSphere itself said (trimmed), for callers that react to specific texts. */
    public String upstreamMessage() {
        return upstreamMessage;
    }
}
