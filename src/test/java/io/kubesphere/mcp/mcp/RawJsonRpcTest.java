package io.kubesphere.mcp.mcp;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** Streamable HTTP at the wire level: what a client that is not the SDK sees. */
@QuarkusTest
class RawJsonRpcTest {

    private static final String INIT = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"%s",
             "capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";

    private static RequestSpecification mcp() {
        return given().contentType("application/json").accept("application/json, text/event-stream");
    }

    private static String session() {
        return mcp().body(INIT.formatted("2025-11-25")).post("/mcp").then().statusCode(200)
                .extract().header("Mcp-Session-Id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-03-26", "2025-06-18", "2025-11-25"})
    void everyStreamableHttpProtocolVersionNegotiates(String version) {
        // 2024-11-05 predates streamable HTTP (it used HTTP+SSE); the stdio test covers it.
        mcp().body(INIT.formatted(version)).post("/mcp").then()
                .statusCode(200)
                .header("Mcp-Session-Id", notNullValue())
                .body("result.protocolVersion", equalTo(version))
                .body("result.serverInfo.name", equalTo("kubesphere-mcp-server"));
    }

    @Test
    void aSessionCarriesRequests() {
        String session = session();
        mcp().header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                .post("/mcp").then().statusCode(202);
        Response list = mcp().header("Mcp-Session-Id", session)
                .body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}").post("/mcp");
        list.then().statusCode(200);
        org.hamcrest.MatcherAssert.assertThat(list.asString(), containsString("\"name\":\"whoami\""));
    }

    @Test
    void malformedJsonIsAJsonRpcParseError() {
        for (String body : new String[] {"{this is not json", "", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"} x",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\""}) {
            mcp().body(body).post("/mcp").then()
                    .statusCode(400)
                    .body("jsonrpc", equalTo("2.0"))
                    .body("error.code", equalTo(-32700))
                    .body(not(containsString("Exception")));
        }
    }

    @Test
    void requestWithoutSessionIsABadRequestWithoutStackTrace() {
        mcp().body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}").post("/mcp").then()
                .statusCode(400)
                .body("error.message", containsString("Session ID required"))
                .body(not(containsString("stackTrace")))
                .body(not(containsString("at io.")));
    }

    @Test
    void unknownSessionIsNotFound() {
        mcp().header("Mcp-Session-Id", "no-such-session").body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}")
                .post("/mcp").then().statusCode(404).body(not(containsString("stackTrace")));
    }

    @Test
    void foreignOriginIsForbidden() {
        mcp().header("Origin", "http://evil.example").body(INIT.formatted("2025-11-25")).post("/mcp").then()
                .statusCode(403);
    }

    @Test
    void localOriginIsAllowed() {
        mcp().header("Origin", "http://localhost:3000").body(INIT.formatted("2025-11-25")).post("/mcp").then()
                .statusCode(200);
    }

    @Test
    void foreignHostIsRefusedAgainstDnsRebinding() {
        mcp().header("Host", "evil.example").body(INIT.formatted("2025-11-25")).post("/mcp").then()
                .statusCode(421);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP_1_1", "HTTP_2"})
    void eventStreamOpensAtOnce(String httpVersion) throws Exception {
        String session = session();
        // The GET stream must deliver its headers before any event (Undertow would hold them back).
        // HTTP_2 from Java's client means an h2c upgrade, after which Host arrives only as the authority.
        var client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.valueOf(httpVersion)).build();
        var request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/mcp"))
                .header("Accept", "text/event-stream").header("Mcp-Session-Id", session).GET().build();
        var response = client.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream())
                .get(5, java.util.concurrent.TimeUnit.SECONDS);
        org.junit.jupiter.api.Assertions.assertEquals(200, response.statusCode());
        org.hamcrest.MatcherAssert.assertThat(response.headers().firstValue("Content-Type").orElse(""),
                containsString("text/event-stream"));
        response.body().close();
    }
}
