package io.kubesphere.mcp.sandbox;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One request being handled: parsed query, path parameters, caller identity and lazy body decoding. */
final class SimExchange {
    static final String ANONYMOUS = "system:anonymous";

    final String method;
    final String rawPath;
    final String rawQuery;
    final String contentType;
    final String body;
    final Map<String, String> query;
    Map<String, String> params = Map.of();
    /** Authenticated username; null means anonymous. */
    String user;
    String cluster = "host";
    /** The Authorization header as sent; only /oauth/logout reads it (to revoke that token). */
    String authorization;

    SimExchange(String method, String rawPath, String rawQuery, String contentType, String body) {
        this.method = method;
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
        this.contentType = contentType;
        this.body = body == null ? "" : body;
        this.query = parseForm(rawQuery);
    }

    String userName() {
        return user == null ? ANONYMOUS : user;
    }

    String param(String name) {
        return params.get(name);
    }

    String q(String key) {
        return query.get(key);
    }

    /** Go's url.ParseQuery semantics, keeping the first value of each key. */
    static Map<String, String> parseForm(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                k = URLDecoder.decode(k, StandardCharsets.UTF_8);
                v = URLDecoder.decode(v, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                continue;
            }
            out.putIfAbsent(k, v);
        }
        return out;
    }

    /** go-restful's ReadEntity: content type must name a JSON reader, then a streaming JSON decode. */
    ObjectNode readObject(String goType) {
        JsonNode n = readJson(goType);
        if (n.isNull()) {
            return Json.o();
        }
        if (!n.isObject()) {
            throw SimError.badRequest("json: cannot unmarshal " + goKind(n) + " into Go value of type " + goType);
        }
        return (ObjectNode) n;
    }

    ArrayNode readArray(String goType) {
        JsonNode n = readJson(goType);
        if (n.isNull()) {
            return Json.a();
        }
        if (!n.isArray()) {
            throw SimError.badRequest("json: cannot unmarshal " + goKind(n) + " into Go value of type " + goType);
        }
        return (ArrayNode) n;
    }

    /** For endpoints whose body is optional (pipeline runs): empty body means no payload. */
    ObjectNode readOptionalObject(String goType) {
        if (body.isBlank()) {
            return Json.o();
        }
        return readObject(goType);
    }

    private JsonNode readJson(String goType) {
        String ct = contentType == null ? "" : contentType;
        if (!ct.toLowerCase(Locale.ROOT).contains("application/json")) {
            throw SimError.badRequest("[ServiceError:400] Unable to unmarshal content of type:" + ct);
        }
        if (body.isBlank()) {
            throw SimError.badRequest("EOF");
        }
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            if (n == null || n.isMissingNode()) {
                throw SimError.badRequest("EOF");
            }
            return n;
        } catch (JsonEOFException e) {
            throw SimError.badRequest("unexpected EOF");
        } catch (JsonParseException e) {
            throw SimError.badRequest(goSyntaxMessage(e.getOriginalMessage()));
        } catch (IOException e) {
            throw SimError.badRequest("unexpected EOF");
        }
    }

    private static final Pattern UNEXPECTED_CHAR = Pattern.compile("Unexpected character \\('(.)'");
    private static final Pattern UNRECOGNIZED = Pattern.compile("Unrecognized token '(.)");

    /** Approximates encoding/json's SyntaxError text from Jackson's description of the same fault. */
    static String goSyntaxMessage(String jacksonMessage) {
        String msg = jacksonMessage == null ? "" : jacksonMessage;
        if (msg.contains("end-of-input")) {
            return "unexpected EOF";
        }
        Matcher m = UNEXPECTED_CHAR.matcher(msg);
        if (m.find()) {
            String c = m.group(1);
            String context = msg.contains("field name") || msg.contains("double-quote to start field name")
                    ? "looking for beginning of object key string"
                    : msg.contains("expected comma") ? "after object key:value pair"
                            : "looking for beginning of value";
            return "invalid character '" + c + "' " + context;
        }
        m = UNRECOGNIZED.matcher(msg);
        if (m.find()) {
            return "invalid character '" + m.group(1) + "' looking for beginning of value";
        }
        return "invalid character looking for beginning of value";
    }

    private static String goKind(JsonNode n) {
        if (n.isArray()) {
            return "array";
        }
        if (n.isObject()) {
            return "object";
        }
        if (n.isTextual()) {
            return "string";
        }
        if (n.isBoolean()) {
            return "bool";
        }
        return "number";
    }
}
