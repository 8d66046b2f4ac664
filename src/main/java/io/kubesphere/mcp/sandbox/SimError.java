package io.kubesphere.mcp.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Control-flow exception carrying the response to send; no stack trace since it is expected. */
final class SimError extends RuntimeException {
    final transient SimResponse response;

    private SimError(SimResponse response) {
        super(null, null, false, false);
        this.response = response;
    }

    static SimError text(int status, String message) {
        return new SimError(SimResponse.handlerError(status, message));
    }

    static SimError of(SimResponse response) {
        return new SimError(response);
    }

    static SimError badRequest(String message) {
        return text(400, message);
    }

    static SimError notFound(String message) {
        return text(404, message);
    }

    /** Kubernetes-style Status body, used by the authentication and authorization filters. */
    static SimError status(int code, String reason, String message, ObjectNode details) {
        ObjectNode body = Json.o("kind", "Status", "apiVersion", "v1", "metadata", Json.o(), "status", "Failure",
                "message", message, "reason", reason);
        if (details != null) {
            body.set("details", details);
        }
        body.put("code", code);
        return new SimError(SimResponse.json(code, body));
    }
}
