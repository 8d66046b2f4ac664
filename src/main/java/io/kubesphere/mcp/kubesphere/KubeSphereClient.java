package io.kubesphere.mcp.kubesphere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.kubesphere.mcp.config.KubeSphereConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends {@link KsCall}s to KubeSphere: checks the route against the allowlist before anything else, adds the
 * Authorization header, renews once on a 401, and maps every failure to a {@link KubeSphereError}.
 */
@ApplicationScoped
public class KubeSphereClient {

    private final KubeSphereEndpoint endpoint;
    private final KubeSphereConfig config;
    private final UpstreamGuard guard;
    private final ObjectMapper json;
    private final KubeSphereEvents events;
    private volatile KubeSphereApi api;

    public KubeSphereClient(KubeSphereEndpoint endpoint, KubeSphereConfig config, UpstreamGuard guard, ObjectMapper json,
            KubeSphereEvents events) {
        this.endpoint = endpoint;
        this.config = config;
        this.guard = guard;
        this.json = json;
        this.events = events;
    }

    public KubeSphereEvents events() {
        return events;
    }

    /** The REST client, built on first use so that start-up makes no KubeSphere call and needs no reachable host. */
    public KubeSphereApi api() {
        KubeSphereApi current = api;
        if (current == null) {
            synchronized (this) {
                if (api == null) {
                    api = build(KubeSphereApi.class);
                }
                current = api;
            }
        }
        return current;
    }

    /** Any REST client interface on the same guarded, time-limited connection (tests use it to prove the guard). */
    public <T> T build(Class<T> type) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(endpoint.baseUrl()))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .followRedirects(false)
                .register(guard)
                .build(type);
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
        // The route must be declared by an offered tool; the request filter checks the raw path again before the network.
        if (!guard.permits(route)) {
            trace.accept(new UpstreamCall(route.method(), path, 0));
            return Uni.createFrom().failure(UpstreamGuard.refusal(route.method(), path));
        }
        String url = endpoint.baseUrl() + path + queryString(call.query());
        return credentials.authorization()
                .flatMap(auth -> exchange(route.method(), url, auth, call.body())
                        .flatMap(response -> response.getStatus() == 401
                                ? Uni.createFrom().item(response).invoke(Response::close)
                                        .invoke(r -> trace.accept(new UpstreamCall(route.method(), path, 401)))
                                        .flatMap(r -> credentials.reauthorize(auth))
                                        .flatMap(fresh -> exchange(route.method(), url, fresh, call.body()))
                                : Uni.createFrom().item(response)))
                .map(response -> read(response, route.method(), path, trace))
                .onFailure(f -> !(f instanceof KubeSphereError))
                .transform(f -> ErrorMapper.fromFailure(f, endpoint.baseUrl(), config.readTimeout()))
                .onFailure().invoke(f -> {
                    if (f instanceof KubeSphereError e && e.status() == 0 && e.kind() != KubeSphereError.Kind.REFUSED_BY_POLICY) {
                        trace.accept(new UpstreamCall(route.method(), path, 0));
                    }
                });
    }

    private Uni<Response> exchange(String method, String url, String auth, JsonNode body) {
        return Uni.createFrom().deferred(() -> switch (method) {
            case "GET" -> api().get(url, auth, "application/json, text/plain");
            case "POST" -> api().post(url, auth, body);
            case "PUT" -> api().put(url, auth, body);
            default -> Uni.createFrom().failure(UpstreamGuard.refusal(method, url));
        });
    }

    private JsonNode read(Response response, String method, String path, Consumer<UpstreamCall> trace) {
        int status = response.getStatus();
        if (response.getHeaderString(UpstreamGuard.REFUSED_HEADER) != null) {
            trace.accept(new UpstreamCall(method, path, 0));
            throw UpstreamGuard.refusal(method, path);
        }
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        trace.accept(new UpstreamCall(method, path, status));
        if (status < 200 || status > 299) {
            throw ErrorMapper.fromResponse(status, body, method, path);
        }
        String type = response.getHeaderString("Content-Type");
        if (type != null && type.startsWith("text/plain")) {
            return TextNode.valueOf(body);
        }
        try {
            return body.isBlank() ? json.nullNode() : json.readTree(body);
        } catch (Exception e) {
            return TextNode.valueOf(body);
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
