package io.kubesphere.mcp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** A fully computed HTTP answer; built under the world lock, written later on the event loop. */
record SimResponse(int status, String contentType, String body, Map<String, String> headers) {

    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";

    static SimResponse json(int status, JsonNode node) {
        return new SimResponse(status, JSON, Json.write(node), new LinkedHashMap<>());
    }

    static SimResponse ok(JsonNode node) {
        return json(200, node);
    }

    /** Same shape as Go's http.Error, which KubeSphere handlers use for every failure. */
    static SimResponse handlerError(int status, String message) {
        SimResponse r = new SimResponse(status, TEXT, message + "\n", new LinkedHashMap<>());
        r.headers.put("X-Content-Type-Options", "nosniff");
        return r;
    }

    static SimResponse raw(int status, String contentType, String body) {
        return new SimResponse(status, contentType, body, new LinkedHashMap<>());
    }

    static SimResponse success() {
        return ok(Json.o("message", "success"));
    }

    SimResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
