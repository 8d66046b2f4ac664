package io.kubesphere.mcp.sandbox;

/**
 * One request as the simulator saw it. {@code path} and {@code query} are raw (not decoded), {@code user} is the
 * authenticated username (null for anonymous callers and unauthenticated endpoints), {@code body} is "" when absent,
 * {@code accept} is the Accept header (null when absent).
 */
public record RecordedRequest(String method, String path, String query, String user, String contentType,
        String accept, String body, int status) {
}
