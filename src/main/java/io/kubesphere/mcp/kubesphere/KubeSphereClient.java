package io.kubesphere.mcp.kubesphere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.kubesphere.mcp.config.KubeSphereConfig;
import io.kubesphere.mcp.kubesphere.api.DevOpsApi;
import io.kubesphere.mcp.kubesphere.api.DevOpsLogApi;
import io.kubesphere.mcp.kubesphere.api.IamApi;
import io.kubesphere.mcp.kubesphere.api.OAuthApi;
import io.kubesphere.mcp.kubesphere.api.TenantApi;
import io.kubesphere.mcp.kubesphere.api.VersionApi;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The KubeSphere API as typed REST clients (one per API group, package {@code kubesphere.api}), all on one shared,
 * pooled keep-alive connection with the configured timeouts, TLS and proxy, and {@link GuardFilter} as the last step
 * before the network. {@link #call} adds the caller's Authorization, renews once on a 401, records what was sent, and
 * maps every failure to a {@link KubeSphereError}.
 */
@ApplicationScoped
public class KubeSphereClient {

    /** The TLS registry's configuration for ks-apiserver: {@code quarkus.tls.kubesphere.*} (KUBESPHERE_CA_FILE). */
    public static final String TLS_NAME = "kubesphere";

    private final KubeSphereEndpoint endpoint;
    private final KubeSphereConfig config;
    private final UpstreamGuard guard;
    private final ObjectMapper json;
    private final KubeSphereEvents events;
    private final TlsConfigurationRegistry tls;
    private final Map<Class<?>, Object> clients = new ConcurrentHashMap<>();

    @Inject
    public KubeSphereClient(KubeSphereEndpoint endpoint, KubeSphereConfig config, UpstreamGuard guard, ObjectMapper json,
            KubeSphereEvents events, TlsConfigurationRegistry tls) {
        this.endpoint = endpoint;
        this.config = config;
        this.guard = guard;
        this.json = json;
        this.events = events;
        this.tls = tls;
    }

    public KubeSphereEvents events() {
        return events;
    }

    public IamApi iam() {
        return api(IamApi.class);
    }

    public TenantApi tenant() {
        return api(TenantApi.class);
    }

    public DevOpsApi devops() {
        return api(DevOpsApi.class);
    }

    public DevOpsLogApi devopsLogs() {
        return api(DevOpsLogApi.class);
    }

    public OAuthApi oauth() {
        return api(OAuthApi.class);
    }

    public VersionApi version() {
        return api(VersionApi.class);
    }

    /** Built on first use, so that start-up makes no KubeSphere connection and needs no reachable host. */
    @SuppressWarnings("unchecked")
    public <T> T api(Class<T> type) {
        return (T) clients.computeIfAbsent(type, t -> build(t, endpoint.baseUrl()));
    }

    /** Any API interface against {@code baseUrl}, with every setting and the guard (tests prove both with it). */
    public <T> T build(Class<T> type, String baseUrl) {
        URI base = URI.create(baseUrl);
        String prefix = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder()
                .baseUri(base)
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                // Every status comes back as a Response: ErrorMapper words the failures, not exceptions.
                .disableDefaultMapper(true)
                .register(new GuardFilter(guard, prefix))
                // One pool for all API groups against this base URL; 64 agent sessions at once share it.
                .property(QuarkusRestClientProperties.SHARED, true)
                .property(QuarkusRestClientProperties.NAME, "kubesphere " + baseUrl)
                .property(QuarkusRestClientProperties.CONNECTION_POOL_SIZE, 50)
                .property(QuarkusRestClientProperties.KEEP_ALIVE_ENABLED, true)
                // A stack trace captured per request is CPU spent for a message ErrorMapper rewrites anyway.
                .property(QuarkusRestClientProperties.CAPTURE_STACKTRACE, false);
        // https: the JVM's trust store and host name checks unless KUBESPHERE_CA_FILE names a private CA; never trust-all.
        tls().ifPresent(builder::tlsConfiguration);
        config.proxy().map(String::strip).filter(p -> !p.isEmpty()).map(URI::create).ifPresent(proxy -> {
            builder.proxyAddress(proxy.getHost(), proxy.getPort() > 0 ? proxy.getPort() : 3128);
            if (proxy.getRawUserInfo() != null) {
                String[] user = proxy.getUserInfo().split(":", 2);
                builder.proxyUser(user[0]);
                if (user.length > 1) {
                    builder.proxyPassword(user[1]);
                }
            }
        });
        return builder.build(type);
    }

    /** quarkus.tls.kubesphere.* if the operator configured it, else KUBESPHERE_CA_FILE registered under that name. */
    private synchronized Optional<TlsConfiguration> tls() {
        Optional<TlsConfiguration> configured = tls.get(TLS_NAME);
        if (configured.isPresent()) {
            return configured;
        }
        Optional<String> caFile = config.caFile().map(String::strip).filter(f -> !f.isEmpty());
        caFile.ifPresent(file -> tls.register(TLS_NAME, new CaFileTls(file)));
        return caFile.flatMap(f -> tls.get(TLS_NAME));
    }

    /**
     * One KubeSphere request: {@code request} invokes an API method with the {@link KsAuth} it is given; on a 401 the
     * credentials renew and it is invoked once more. The body comes back as JSON (text for text/plain, null for none).
     */
    public Uni<JsonNode> call(Credentials credentials, Function<KsAuth, Uni<Response>> request,
            Consumer<UpstreamCall> sink) {
        return credentials.authorization()
                .flatMap(auth -> attempt(auth, request, sink).flatMap(first -> first.response().getStatus() == 401
                        ? Uni.createFrom().item(first)
                                .invoke(r -> trace(r.auth(), 401, sink))
                                .invoke(r -> r.response().close())
                                .flatMap(r -> credentials.reauthorize(auth))
                                .flatMap(fresh -> attempt(fresh, request, sink))
                        : Uni.createFrom().item(first)))
                .map(sent -> read(sent, sink))
                .onFailure(f -> !(f instanceof KubeSphereError))
                .transform(f -> ErrorMapper.fromFailure(f, endpoint.baseUrl(), config.readTimeout()));
    }

    private record Sent(KsAuth auth, Response response) {
    }

    private Uni<Sent> attempt(String header, Function<KsAuth, Uni<Response>> request, Consumer<UpstreamCall> sink) {
        KsAuth auth = new KsAuth(header);
        return Uni.createFrom().deferred(() -> request.apply(auth)).map(response -> new Sent(auth, response))
                .onFailure().invoke(f -> {
                    // Refused by the guard, or no answer: the trace says what was (not) sent, with status 0.
                    if (auth.path() != null) {
                        trace(auth, 0, sink);
                    }
                });
    }

    private void trace(KsAuth auth, int status, Consumer<UpstreamCall> sink) {
        if (auth.route() != null) {
            events.response(auth.route(), status);
        }
        if (sink != null) {
            sink.accept(new UpstreamCall(auth.method(), auth.path(), status));
        }
    }

    private JsonNode read(Sent sent, Consumer<UpstreamCall> sink) {
        try (Response response = sent.response()) {
            int status = response.getStatus();
            trace(sent.auth(), status, sink);
            byte[] body = response.hasEntity() ? response.readEntity(byte[].class) : new byte[0];
            if (status < 200 || status > 299) {
                throw ErrorMapper.fromResponse(status, new String(body, StandardCharsets.UTF_8), sent.auth().method(),
                        sent.auth().path(), response.getHeaderString("Retry-After"));
            }
            String type = response.getHeaderString("Content-Type");
            if (type != null && type.startsWith("text/plain")) {
                return TextNode.valueOf(new String(body, StandardCharsets.UTF_8));
            }
            try {
                JsonNode node = body.length == 0 ? null : json.readTree(body);
                return node == null || node.isMissingNode() ? json.nullNode() : node;
            } catch (Exception e) {
                return TextNode.valueOf(new String(body, StandardCharsets.UTF_8));
            }
        }
    }
}
