package io.kubesphere.mcp.kubesphere;

/** What was sent to KubeSphere and what it answered (0 = no answer), for the audit log. */
public record UpstreamCall(String method, String path, int status) {
}
