package io.kubesphere.mcp.mcp;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.kubesphere.mcp.config.Jackson;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * The JSON mapper and schema validator of the MCP SDK, built here rather than found by the SDK through
 * {@code ServiceLoader}: a native image has no {@code META-INF/services} lookup (Quarkus builds it with
 * {@code -H:-UseServiceLoaderFeature}), and every SDK builder not given both fails there (ClosedWorldIT).
 * Three repairs: an McpError is written as a JSON-RPC error, not as a Java exception; the SDK's error for an
 * unknown tool gets a message that names the tool and says what to do; and tools/call params it cannot read get an
 * answer (see {@link CallParamsMapper}).
 */
public class McpJson {

    @Produces
    @Singleton
    McpJsonMapper mcpJsonMapper() {
        return new CallParamsMapper(new JacksonMcpJsonMapper(create()));
    }

    /** Checks tool schemas when the server is built and structured results against their output schemas. */
    @Produces
    @Singleton
    JsonSchemaValidator schemaValidator() {
        return new DefaultJsonSchemaValidator(Jackson.plain());
    }

    public static ObjectMapper create() {
        SimpleModule module = new SimpleModule("mcp-error");
        // The servlet transport serialises the McpError object itself (stack trace included); write what the spec says.
        module.addSerializer(McpError.class, new JsonSerializer<>() {
            @Override
            public void serialize(McpError error, JsonGenerator gen, SerializerProvider provider) throws IOException {
                McpSchema.JSONRPCResponse.JSONRPCError rpc = error.getJsonRpcError();
                gen.writeStartObject();
                gen.writeStringField("jsonrpc", "2.0");
                gen.writeNullField("id");
                gen.writeObjectFieldStart("error");
                gen.writeNumberField("code", rpc == null ? McpSchema.ErrorCodes.INTERNAL_ERROR : rpc.code());
                gen.writeStringField("message", rpc == null ? "internal error" : message(rpc));
                gen.writeEndObject();
                gen.writeEndObject();
            }
        });
        module.addSerializer(McpSchema.JSONRPCResponse.JSONRPCError.class, new JsonSerializer<>() {
            @Override
            public void serialize(McpSchema.JSONRPCResponse.JSONRPCError error, JsonGenerator gen,
                    SerializerProvider provider) throws IOException {
                gen.writeStartObject();
                gen.writeNumberField("code", error.code());
                gen.writeStringField("message", message(error));
                if (error.data() != null && !malformedCall(error)) {
                    gen.writeFieldName("data");
                    provider.defaultSerializeValue(error.data(), gen);
                }
                gen.writeEndObject();
            }
        });
        return Jackson.plain().copy().registerModule(module)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** The SDK's "not found" for params {@link CallParamsMapper} could not read. */
    private static boolean malformedCall(McpSchema.JSONRPCResponse.JSONRPCError error) {
        return error.code() == McpSchema.ErrorCodes.INVALID_PARAMS && error.data() instanceof String data
                && data.startsWith(SDK_UNKNOWN_TOOL + CallParamsMapper.MALFORMED);
    }

    /** How the SDK (2.1) marks a tools/call of a name it does not have: -32602, the name only in data. */
    private static final String SDK_UNKNOWN_TOOL = "Tool not found: ";

    /**
     * The SDK says "Unknown tool: invalid_tool_name" whatever the name was; a client shows the message, so it names
     * the tool (clipped: it is the caller's text) and points to tools/list.
     */
    static String message(McpSchema.JSONRPCResponse.JSONRPCError error) {
        if (malformedCall(error)) {
            String problem = ((String) error.data()).substring(SDK_UNKNOWN_TOOL.length()
                    + CallParamsMapper.MALFORMED.length());
            return "Invalid params for tools/call: " + problem
                    + ". Send {\"name\": \"<tool>\", \"arguments\": {...}} (see tools/list).";
        }
        if (error.code() == McpSchema.ErrorCodes.INVALID_PARAMS && error.data() instanceof String data
                && data.startsWith(SDK_UNKNOWN_TOOL)) {
            String name = data.substring(SDK_UNKNOWN_TOOL.length());
            name = name.length() > 64 ? name.substring(0, 64) + "…" : name;
            return "Unknown tool '" + name + "'. Call tools/list to see the tools this server offers.";
        }
        return error.message();
    }
}
