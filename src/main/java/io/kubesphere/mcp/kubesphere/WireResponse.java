package io.kubesphere.mcp.kubesphere;

import java.nio.charset.StandardCharsets;

/** What ks-apiserver answered: status, content type, the whole body, and Retry-After (null when absent). */
public record WireResponse(int status, String contentType, byte[] body, String retryAfter) {

    public WireResponse(int status, String contentType, byte[] body) {
        this(status, contentType, body, null);
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean isTextPlain() {
        return contentType != null && contentType.startsWith("text/plain");
    }
}
