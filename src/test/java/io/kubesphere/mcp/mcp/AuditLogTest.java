package io.kubesphere.mcp.mcp;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class AuditLogTest {

    @Test
    void secretsAreMaskedAtAnyDepth() {
        Map<String, Object> masked = AuditLog.mask(Map.of("username", "bob", "password", "S3cret!pw",
                "nested", Map.of("access_token", "eyJabc", "name", "x"), "credential_id", "git-cred"));
        assertEquals("***", masked.get("password"));
        assertEquals("bob", masked.get("username"));
        assertEquals("git-cred", masked.get("credential_id"), "a credential's id is not a secret");
        assertEquals("***", ((Map<?, ?>) masked.get("nested")).get("access_token"));
        assertFalse(masked.toString().contains("S3cret"));
        assertFalse(masked.toString().contains("eyJabc"));
    }
}
