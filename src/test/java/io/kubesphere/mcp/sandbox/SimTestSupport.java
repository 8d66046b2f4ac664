package io.kubesphere.mcp.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** Starts a fresh demo simulator per test on a shared Vert.x and offers a tiny HTTP client. */
abstract class SimTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PW = "P@88w0rd";
    static final String T = "/kapis/tenant.kubesphere.io/v1beta1";
    static final String I = "/kapis/iam.kubesphere.io/v1beta1";
    static final String D = "/kapis/devops.kubesphere.io";
    static Vertx vertx;
    static HttpClient http;
    KubeSphereSimulator sim;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    KubeSphereSimulator newSimulator() {
        return KubeSphereSimulator.withDemoData();
    }

    @BeforeEach
    void startSimulator() throws Exception {
        sim = newSimulator();
        int port = sim.start(vertx).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(port, sim.port());
    }

    @AfterEach
    void stopSimulator() throws Exception {
        sim.stop().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    HttpResponse<String> send(String method, String path, String token, String contentType, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .timeout(Duration.ofSeconds(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        return send("GET", path, token, null, null);
    }

    HttpResponse<String> postJson(String path, String token, String body) throws Exception {
        return send("POST", path, token, "application/json", body);
    }

    HttpResponse<String> putJson(String path, String token, String body) throws Exception {
        return send("PUT", path, token, "application/json", body);
    }

    HttpResponse<String> tokenRequest(Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send("POST", "/oauth/token", null, "application/x-www-form-urlencoded", body);
    }

    HttpResponse<String> passwordGrant(String user, String password) throws Exception {
        return tokenRequest(Map.of("grant_type", "password", "username", user, "password", password,
                "client_id", "kubesphere", "client_secret", "kubesphere"));
    }

    String login(String user) throws Exception {
        HttpResponse<String> r = passwordGrant(user, PW);
        assertEquals(200, r.statusCode(), r.body());
        return json(r).get("access_token").asText();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    static void assertStatus(int expected, HttpResponse<String> r) {
        assertEquals(expected, r.statusCode(), () -> "body: " + r.body());
    }
}
