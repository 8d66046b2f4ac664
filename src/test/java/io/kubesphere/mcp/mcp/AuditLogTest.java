package io.kubesphere.mcp.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubesphere.mcp.kubesphere.UpstreamCall;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void secretsAreMaskedAtAnyDepth() {
        Map<String, Object> masked = AuditLog.mask(Map.of("username", "bob", "password", "S3cret!pw",
                "nested", Map.of("access_token", "eyJabc", "name", "x"), "credential_id", "git-cred",
                "items", List.of(Map.of("secret", "in-a-list"))));
        assertEquals("***", masked.get("password"));
        assertEquals("bob", masked.get("username"));
        assertEquals("git-cred", masked.get("credential_id"), "a credential's id is not a secret");
        assertEquals("***", ((Map<?, ?>) masked.get("nested")).get("access_token"));
        assertFalse(masked.toString().contains("S3cret"));
        assertFalse(masked.toString().contains("eyJabc"));
        assertFalse(masked.toString().contains("in-a-list"));
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.readAllLines(file);
    }

    @Test
    void longValuesAreTruncatedWithTheirLength() throws Exception {
        Path file = Files.createTempDirectory("audit").resolve("audit.log");
        AuditLog audit = new AuditLog(file.toString());
        String huge = "x".repeat(2 * 1024 * 1024);
        Map<String, Object> many = new LinkedHashMap<>();
        IntStream.range(0, 10_000).forEach(i -> many.put("k" + i, "v" + i));
        audit.record("admin", "create_pipeline", Map.of("jenkinsfile", huge, "labels", many,
                "list", IntStream.range(0, 10_000).boxed().toList(), "password", huge),
                List.of(new UpstreamCall("POST", "/p", 200)), "ok", null, 3);
        String line = lines(file).get(0);
        assertThat(line.length(), lessThan(8 * 1024));
        JsonNode arguments = JSON.readTree(line).path("arguments");
        assertThat(arguments.path("jenkinsfile").asText(), containsString("(2097152 characters)"));
        assertTrue(arguments.path("jenkinsfile").asText().startsWith("xxxx"));
        assertEquals("***", arguments.path("password").asText());
        assertThat(arguments.path("labels").toString(), containsString("more entries"));
        assertThat(arguments.path("list").toString(), containsString("more items"));
    }

    @Test
    void callsRefusedByValidationAreAuditedCompactly() throws Exception {
        Path file = Files.createTempDirectory("audit").resolve("audit.log");
        AuditLog audit = new AuditLog(file.toString());
        Map<String, Object> junk = new LinkedHashMap<>();
        IntStream.range(0, 5_000).forEach(i -> junk.put("unknown_" + "p".repeat(500) + i, "y".repeat(10_000)));
        audit.record("admin", "create_workspace", junk, List.of(), "invalid",
                "Unknown parameter '" + "p".repeat(5000) + "' for create_workspace.", 1);
        String line = lines(file).get(0);
        assertThat(line.length(), lessThan(2048));
        JsonNode entry = JSON.readTree(line);
        assertEquals("invalid", entry.path("outcome").asText());
        assertThat(entry.path("arguments").toString(), containsString("more entries"));
    }

    @Test
    void theAuditFileRotatesAtItsSizeCap() throws Exception {
        Path dir = Files.createTempDirectory("audit");
        Path file = dir.resolve("audit.log");
        AuditLog audit = new AuditLog(file.toString(), "4K");
        for (int i = 0; i < 200; i++) {
            audit.record("admin", "create_project", Map.of("project", "p" + i, "description", "d".repeat(200)),
                    List.of(new UpstreamCall("POST", "/p", 200)), "ok", null, 1);
        }
        List<Path> files;
        try (var listing = Files.list(dir)) {
            files = listing.sorted().toList();
        }
        assertEquals(List.of("audit.log", "audit.log.1", "audit.log.2", "audit.log.3", "audit.log.4", "audit.log.5"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        for (Path f : files) {
            assertThat(f + " stays near the cap", Files.size(f), lessThan(4096L + 1024));
            for (String line : lines(f)) {
                JSON.readTree(line); // whole lines only, never a line split across files
            }
        }
        assertThat(lines(file).get(lines(file).size() - 1), containsString("\"project\":\"p199\""));
    }
}
