package io.kubesphere.mcp.ops;

import io.kubesphere.mcp.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Sessions end when idle and their number is bounded: over the limit, initialize gets a clear JSON-RPC error. */
@QuarkusTest
@TestProfile(SessionLimitsTest.Profile.class)
class SessionLimitsTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ks.mcp.max.sessions", "3", "ks.mcp.session.idle.timeout", "2s");
        }
    }

    @Inject
    TestClock clock;

    private static final String INIT = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
             "capabilities":{},"clientInfo":{"name":"limits","version":"1"}}}""";

    private static RequestSpecification mcp() {
        return given().contentType("application/json").accept("application/json, text/event-stream");
    }

    @Test
    void sessionsAreBoundedAndEndWhenIdle() throws Exception {
        List<String> open = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            open.add(mcp().body(INIT).post("/mcp").then().statusCode(200).extract().header("Mcp-Session-Id"));
        }
        mcp().body(INIT).post("/mcp").then().statusCode(503)
                .body("id", equalTo(1)).body("error.message", containsString("KS_MCP_MAX_SESSIONS"));

        clock.advance(Duration.ofSeconds(3)); // past the 2 s idle time, without waiting for it
        mcp().header("Mcp-Session-Id", open.get(0)).body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}")
                .post("/mcp").then().statusCode(404).body("error.code", equalTo(-32001))
                .body("error.message", containsString("send initialize"));
        String fresh = mcp().body(INIT).post("/mcp").then().statusCode(200).extract().header("Mcp-Session-Id");
        mcp().header("Mcp-Session-Id", fresh).body("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}")
                .post("/mcp").then().statusCode(200).body(containsString("whoami"));
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeTheServletReadsIt() {
        String huge = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"clientInfo\":{\"name\":\""
                + "x".repeat(1024 * 1024 + 10) + "\"}}}";
        mcp().body(huge).post("/mcp").then().statusCode(413).body("error.message", containsString("KS_MCP_HTTP_MAX_REQUEST_SIZE"));
    }
}
