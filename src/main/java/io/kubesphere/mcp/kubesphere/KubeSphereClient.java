package io.kubesphere.mcp.kubesphere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.kubesphere.mcp.config.KubeSphereConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Sends {@link KsCall}s to KubeSphere: checks the route against the allowlist before anything else, adds the
 * Authorization header, renews once on a 401, and maps every failure to a {@link KubeSphereError}. The bytes go
 * through {@link KubeSphereWire}, which checks the raw path once more.
 */
@ApplicationScoped
public class KubeSphereClient {

    private final KubeSphereEndpoint endpoint;
    private final KubeSphereConfig config;
    private final KubeSphereWire wire;
    private final ObjectMapper json;
    private final KubeSphereEvents events;

    public KubeSphereClient(KubeSphereEndpoint endpoint, KubeSphereConfig config, KubeSphereWire wire, ObjectMapper json,
            KubeSphereEvents events) {
        this.endpoint = endpoint;
        this.config = config;
        this.wire = wire;
        this.json = json;
        this.events = events;
    }

    public KubeSphereEvents events() {
        return events;
    }

    public KubeSphereWire wire() {
        return wire;
    }

    public Uni<JsonNode> send(Credentials credentials, KsCall call, Consumer<UpstreamCall> sink) {
        Route route = call.route();
        Consumer<UpstreamCall> trace = sent -> {
            events.response(route, sent.status());
            sink.accept(sent);
        };
        String path;
        try {
            path = route.expand(call.path());
        } catch (IllegalArgumentException e) {
            // Names are validated before a tool gets here; this is the backstop, and it sends nothing.
            return Uni.createFrom().failure(new KubeSphereError(KubeSphereError.Kind.REFUSED_BY_POLICY, 0, "",
                    "Refused to build the request " + route + ": " + e.getMessage() + ". Nothing was sent to KubeSphere."));
        }
        // The route must be declared by an offered tool; the wire checks the raw path again before the network.
        if (!wire.guard().permits(route)) {
            trace.accept(new UpstreamCall(route.method(), path, 0));
            return Uni.createFrom().failure(UpstreamGuard.refusal(route.method(), path));
        }
        String query = queryString(call.query());
        byte[] body;
        try {
            body = call.body() == null ? null : json.writeValueAsBytes(call.body());
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
        String contentType = body == null ? null : "application/json";
        return credentials.authorization()
                .flatMap(auth -> wire.send(route.method(), path, query, route.accept(), auth, contentType, body)
                        .flatMap(response -> response.status() == 401
                                ? Uni.createFrom().item(response)
                                        .invoke(r -> trace.accept(new UpstreamCall(route.method(), path, 401)))
                                        .flatMap(r -> credentials.reauthorize(auth))
                                        .flatMap(fresh -> wire.send(route.method(), path, query, route.accept(), fresh,
                                                contentType, body))
                                : Uni.createFrom().item(response)))
                .map(response -> read(response, route.method(), path, trace))
                .onFailure(f -> !(f instanceof KubeSphereError))
                .transform(f -> ErrorMapper.fromFailure(f, endpoint.baseUrl(), config.readTimeout()))
                .onFailure().invoke(f -> {
                    if (f instanceof KubeSphereError e && e.status() == 0) {
                        trace.accept(new UpstreamCall(route.method(), path, 0));
                    }
                });
    }

    private JsonNode read(WireResponse response, String method, String path, Consumer<UpstreamCall> trace) {
        int status = response.status();
        trace.accept(new UpstreamCall(method, path, status));
        if (status < 200 || status > 299) {
            throw ErrorMapper.fromResponse(status, response.text(), method, path, response.retryAfter());
        }
        if (response.isTextPlain()) {
            return TextNode.valueOf(response.text());
        }
        try {
            JsonNode node = response.body().length == 0 ? null : json.readTree(response.body());
            return node == null || node.isMissingNode() ? json.nullNode() : node;
        } catch (Exception e) {
            return TextNode.valueOf(response.text());
        }
    }

    static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("?");
        query.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }
}
