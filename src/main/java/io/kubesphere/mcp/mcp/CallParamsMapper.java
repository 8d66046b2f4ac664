package io.kubesphere.mcp.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;

import java.util.Map;

/**
 * The SDK's JSON mapper, except that tools/call params it cannot read become an answer. The SDK converts them outside
 * its error handling: a string or array as params or arguments threw there, and the client got no answer at all (an
 * empty HTTP body; nothing on stdio). Such params become a call of a tool no server has, whose "not found" the SDK
 * answers with -32602 on every transport; {@link McpJson#message} turns that into the reason.
 */
final class CallParamsMapper extends ForwardingJsonMapper {

    /** Starts the tool name of a malformed call: no tool name can contain a NUL (names are [a-z_]). */
    static final String MALFORMED = "\u0000malformed:";

    CallParamsMapper(McpJsonMapper delegate) {
        super(delegate);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T convertValue(Object fromValue, TypeRef<T> type) {
        if (type.getType() == CallToolRequest.class) {
            String problem = problem(fromValue);
            if (problem != null) {
                return (T) new CallToolRequest(MALFORMED + problem, Map.of());
            }
        }
        return delegate.convertValue(fromValue, type);
    }

    private static String problem(Object params) {
        if (!(params instanceof Map<?, ?> map)) {
            return "params must be a JSON object with name and arguments, not " + kind(params);
        }
        if (!(map.get("name") instanceof String name) || name.isBlank()) {
            return "params.name must be the tool's name as a string";
        }
        Object arguments = map.get("arguments");
        return arguments == null || arguments instanceof Map ? null
                : "params.arguments must be a JSON object, not " + kind(arguments);
    }

    private static String kind(Object value) {
        return value == null ? "missing" : value instanceof String ? "a string"
                : value instanceof java.util.List ? "an array" : value instanceof Number ? "a number"
                : value instanceof Boolean ? "a boolean" : "a " + value.getClass().getSimpleName();
    }

}
