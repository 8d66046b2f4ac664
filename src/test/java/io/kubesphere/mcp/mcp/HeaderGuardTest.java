package io.kubesphere.mcp.mcp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Allowlist entries match scheme, host and port exactly; only IP literals count as addresses for the probes. */
class HeaderGuardTest {

    @Test
    void aWildcardStandsForAPortNumberOnly() {
        assertTrue(HeaderGuard.matches("http://127.0.0.1:*", "http://127.0.0.1"));
        assertTrue(HeaderGuard.matches("http://127.0.0.1:*", "http://127.0.0.1:8080"));
        assertFalse(HeaderGuard.matches("http://127.0.0.1:*", "http://127.0.0.1:8080.evil.example"));
        assertFalse(HeaderGuard.matches("http://127.0.0.1:*", "http://127.0.0.1.evil.example"));
        assertFalse(HeaderGuard.matches("http://127.0.0.1:*", "https://127.0.0.1:8080"));
        assertFalse(HeaderGuard.matches("mcp.example.com:*", "mcp.example.com:443@evil.example"));
        assertTrue(HeaderGuard.matches("https://mcp.example.com", "https://MCP.example.com"));
        assertFalse(HeaderGuard.matches("https://mcp.example.com", "https://mcp.example.com:8443"));
    }

    @Test
    void onlyIpLiteralsAreAddresses() {
        assertTrue(HeaderGuard.ipLiteral("10.244.1.7:8080"));
        assertTrue(HeaderGuard.ipLiteral("10.244.1.7"));
        assertTrue(HeaderGuard.ipLiteral("[fd00::7]:8080"));
        assertFalse(HeaderGuard.ipLiteral("10.244.1.7.nip.io:8080"));
        assertFalse(HeaderGuard.ipLiteral("10.244.1.7:80x"));
        assertFalse(HeaderGuard.ipLiteral("[fd00::7].evil.example"));
        assertFalse(HeaderGuard.ipLiteral("evil.example"));
    }
}
