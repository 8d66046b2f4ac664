package io.kubesphere.mcp.mcp;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void requestWithoutSessionIsABadRequestThatSaysToInitialize() {
        // The SDK alone answers -32601 "method not found", which sends a client looking for a method it has.
        mcp().body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}").post("/mcp").then()
                .statusCode(400)
                .body("id", equalTo(2))
                .body("error.code", equalTo(-32000))
                .body("error.message", allOf(containsString("Mcp-Session-Id"), containsString("initialize")))
                .body(not(containsString("stackTrace")))
                .body(not(containsString("at io.")));
        mcp().body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").post("/mcp").then()
                .statusCode(400).body("error.code", equalTo(-32000));
        given().accept("text/event-stream").get("/mcp").then()
                .statusCode(400).body("error.message", containsString("send initialize first"));
        given().delete("/mcp").then()
                .statusCode(400).body("error.message", containsString("send initialize first"));
    }

    @Test
    void unknownSessionIsNotFoundOnEveryMethod() {
        // MCP: a server MUST answer 404 to a session id it does not know; the client then initializes again.
        Response post = mcp().header("Mcp-Session-Id", "no-such-session")
                .body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}").post("/mcp");
        Response get = given().accept("text/event-stream").header("Mcp-Session-Id", "no-such-session").get("/mcp");
        Response delete = given().header("Mcp-Session-Id", "no-such-session").delete("/mcp");
        for (Response r : List.of(post, get, delete)) {
            r.then().statusCode(404)
                    .contentType(containsString("application/json"))
                    .body("jsonrpc", equalTo("2.0"))
                    .body("error.code", equalTo(-32001))
                    .body("error.message", allOf(containsString("Unknown MCP session"),
                            containsString("send initialize")))
                    .body(not(containsString("stackTrace")));
        }
    }

    @Test
    void unknownToolIsInvalidParamsNamingTheToolAndTheWayOut() {
        String session = session();
        mcp().header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                .post("/mcp").then().statusCode(202);
        Response call = mcp().header("Mcp-Session-Id", session).body("""
                {"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"list_workspacez","arguments":{}}}""")
                .post("/mcp");
        call.then().statusCode(200);
        JsonPath rpc = rpc(call);
        assertEquals(7, rpc.getInt("id"));
        assertEquals(-32602, rpc.getInt("error.code"));
        // The SDK says "Unknown tool: invalid_tool_name" whatever the name was.
        assertEquals("Unknown tool 'list_workspacez'. Call tools/list to see the tools this server offers.",
                rpc.getString("error.message"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"whoami\"", "[\"whoami\"]", "{\"name\":\"whoami\",\"arguments\":\"x\"}",
            "{\"name\":\"whoami\",\"arguments\":[1,2]}"})
    void malformedToolCallParamsAreInvalidParams(String params) {
        // The SDK could not read these and answered HTTP 200 with an empty body: the client waited for its timeout.
        String session = session();
        Response call = mcp().header("Mcp-Session-Id", session)
                .body("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":" + params + "}")
                .post("/mcp");
        JsonPath rpc = rpc(call);
        assertEquals(9, rpc.getInt("id"), call.asString());
        assertEquals(-32602, rpc.getInt("error.code"), call.asString());
        org.hamcrest.MatcherAssert.assertThat(rpc.getString("error.message"), allOf(containsString("tools/call"),
                not(containsString("Exception"))));
    }

    /** A JSON-RPC answer, whether it came as JSON or as the data of an SSE event. */
    private static JsonPath rpc(Response response) {
        String body = response.asString();
        return JsonPath.from(body.lines().filter(line -> line.startsWith("data:"))
                .map(line -> line.substring("data:".length()).strip()).reduce((first, last) -> last).orElse(body));
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

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080.evil.example", "http://localhost:1.evil.example",
            "http://localhost.evil.example", "http://127.0.0.1:80/x", "http://127.0.0.1:", "ftp://127.0.0.1:80"})
    void originIsComparedBySchemeHostAndPortExactly(String origin) {
        mcp().header("Origin", origin).body(INIT.formatted("2025-11-25")).post("/mcp").then().statusCode(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1", "http://127.0.0.1:5173", "HTTP://LOCALHOST:3000",
            "http://[::1]:8080"})
    void loopbackOriginsWithAnyPortAreAllowed(String origin) {
        mcp().header("Origin", origin).body(INIT.formatted("2025-11-25")).post("/mcp").then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/health/ready", "/q/health/live", "/q/health", "/q/metrics"})
    void healthAndMetricsRefuseForeignHostsAgainstDnsRebinding(String path) {
        given().header("Host", "evil.example").get(path).then().statusCode(421)
                .body(containsString("KS_MCP_HTTP_ALLOWED_HOSTS"));
        // Vert.x itself answers 400 to a port that is not a number; either way the page reads nothing.
        given().header("Host", "localhost:8080.evil.example").get(path).then()
                .statusCode(org.hamcrest.Matchers.oneOf(400, 421));
        // A Kubernetes probe or a Prometheus scrape names the pod by its IP: no DNS rebinding can produce one.
        given().header("Host", "10.244.1.7:8080").get(path).then().statusCode(200);
        given().header("Host", "[fd00::7]:8080").get(path).then().statusCode(200);
        given().get(path).then().statusCode(200);
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
