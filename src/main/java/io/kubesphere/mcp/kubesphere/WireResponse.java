package io.kubesphere.mcp.kubesphere;

import java.nio.charset.StandardCharsets;

/** What ks-apiserver answered: status, content type and the whole body. */
public record WireResponse(int status, String contentType, byte[] body) {

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean isTextPlain() {
        return contentType != null && contentType.startsWith("text/plain");
    }
}
