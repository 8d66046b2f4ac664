package io.kubesphere.mcp.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubesphere.mcp.support.McpTestClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** People with their own KubeSphere tokens, talking to /mcp through the SDK client or raw HTTP. */
public final class Callers {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
    public static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";

    private Callers() {
    }

    /** A real access token from KubeSphere's (the simulator's) OAuth endpoint. */
    public static String token(String kubesphere, String user) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=kubesphere&client_secret=kubesphere&username="
                + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode("P@88w0rd", StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(kubesphere + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), "login of " + user);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    /** The official SDK client, sending {@code Authorization: Bearer <token.get()>} on every request. */
    public static McpTestClient client(URI root, Supplier<String> token) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder(root.toString().replaceAll("/+$", "")).endpoint("/mcp")
                .httpRequestCustomizer((builder, method, uri, body, context) -> {
                    String t = token.get();
                    if (t != null) {
                        builder.setHeader("Authorization", "Bearer " + t);
                    }
                })
                .build();
        return McpTestClient.over(transport, null);
    }

    /** A raw POST to /mcp; token and session may be null. */
    public static HttpResponse<String> post(URI root, String token, String session, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(root.resolve("/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens a session with raw HTTP and returns its id. */
    public static String initialize(URI root, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = post(root, token, null, INITIALIZE);
        assertEquals(200, response.statusCode(), response.body());
        return response.headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    public static HttpResponse<String> get(URI url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }
}
