package io.kubesphere.mcp.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionsTest {

    @Test
    void whatASessionKeepsOfInitializeIsBounded() throws Exception {
        String big = "y".repeat(100_000);
        JsonNode init = new ObjectMapper().readTree("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                + "\"clientInfo\":{\"name\":\"" + big + "\",\"version\":\"1.0\",\"extra\":\"" + big + "\"},"
                + "\"capabilities\":{\"elicitation\":{},\"experimental\":{\"blob\":\"" + big + "\"}}}}");
        Sessions.trimInitialize(init);
        assertEquals(Sessions.MAX_TEXT, init.at("/params/clientInfo/name").asText().length());
        assertEquals("1.0", init.at("/params/clientInfo/version").asText());
        assertTrue(init.at("/params/clientInfo/extra").isMissingNode());
        assertTrue(init.at("/params/capabilities/elicitation").isObject(), "small capabilities stay");
        assertTrue(init.at("/params/capabilities/experimental").isMissingNode());
        assertTrue(init.toString().length() < 2000, init.toString().length() + " characters");
    }

    @Test
    void perCallerAndGlobalLimits() {
        Sessions sessions = new Sessions(Duration.ofMinutes(1), 3, 2, Clock.systemUTC());
        assertFalse(sessions.reserve("ana", true).isPresent());
        sessions.bind("s1", "ana");
        assertFalse(sessions.reserve("ana", true).isPresent());
        sessions.bind("s2", "ana");
        assertTrue(sessions.reserve("ana", true).orElseThrow().contains("KS_MCP_MAX_SESSIONS_PER_CALLER"));
        assertFalse(sessions.reserve("bo", true).isPresent());
        sessions.bind("s3", "bo");
        assertTrue(sessions.reserve("cy", true).orElseThrow().contains("KS_MCP_MAX_SESSIONS"));
        sessions.remove("s1");
        assertFalse(sessions.reserve("ana", true).isPresent(), "a closed session frees its place");
        sessions.cancel("ana");
        assertEquals(2, sessions.size());
    }
}
