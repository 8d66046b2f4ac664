package io.kubesphere.mcp.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * mcp-manifest.json is a valid MCP Registry server.json: checked against the registry's published schema (2025-09-29,
 * checked in under src/test/resources/registry) with networknt's JSON Schema validator, not by hand.
 */
class RegistryManifestTest {

    private final ObjectMapper json = new ObjectMapper();

    private Schema schema() throws Exception {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
        try (InputStream in = getClass().getResourceAsStream("/registry/server.schema.2025-09-29.json")) {
            return registry.getSchema(json.readTree(in));
        }
    }

    private List<Error> validate(JsonNode manifest) throws Exception {
        return schema().validate(manifest);
    }

    @Test
    void manifestValidatesAgainstTheRegistrySchema() throws Exception {
        JsonNode manifest = json.readTree(Files.readString(ContractTest.MANIFEST));
        assertEquals(List.of(), validate(manifest));
        assertEquals(RegistryManifest.SCHEMA, manifest.path("$schema").asText());
        assertFalse(manifest.path("version").asText().contains("SNAPSHOT"), "a release version");
        assertTrue(manifest.path("name").asText().matches("^io\\.github\\.kubesphere/[a-z-]+$"), "reverse DNS");
    }

    /** The validator really applies the schema: the faults of the old manifest are each rejected. */
    @Test
    void theSchemaRejectsWhatTheRegistryRejects() throws Exception {
        ObjectNode good = (ObjectNode) json.readTree(Files.readString(ContractTest.MANIFEST));
        assertFalse(validate(good.deepCopy().put("description", "x".repeat(101))).isEmpty(), "description > 100");
        assertFalse(validate(good.deepCopy().put("name", "kubesphere mcp")).isEmpty(), "name not reverse DNS");
        ObjectNode noVersion = good.deepCopy();
        noVersion.remove("version");
        assertFalse(validate(noVersion).isEmpty(), "version required");
        ObjectNode oldConfig = good.deepCopy();
        ((ObjectNode) oldConfig.path("packages").get(0)).putArray("configuration").addObject().put("key", "X");
        assertFalse(validate(oldConfig).isEmpty(), "a package has no 'configuration'");
        ObjectNode latest = good.deepCopy();
        ((ObjectNode) latest.path("packages").get(0)).put("version", "latest");
        assertFalse(validate(latest).isEmpty(), "'latest' is not a version");
    }

    @Test
    void everyConfigurationKeyIsAnEnvironmentVariable() throws Exception {
        JsonNode manifest = json.readTree(Files.readString(ContractTest.MANIFEST));
        JsonNode env = manifest.path("packages").get(0).path("environmentVariables");
        assertEquals(io.kubesphere.mcp.config.ConfigKeys.ALL.size(), env.size());
        for (JsonNode v : env) {
            assertTrue(v.has("isRequired") && v.has("isSecret"), v.toString());
        }
        JsonNode password = find(env, "KUBESPHERE_PASSWORD");
        assertTrue(password.path("isSecret").asBoolean());
        assertTrue(find(env, "KUBESPHERE_HOST").path("isRequired").asBoolean());
        assertEquals("[\"server\",\"passthrough\"]", find(env, "KS_MCP_AUTH").path("choices").toString());
        assertEquals("server", find(env, "KS_MCP_AUTH").path("default").asText());
        assertFalse(find(env, "KS_MCP_LISTEN").has("default"), "prose is no default value");
    }

    private static JsonNode find(JsonNode env, String name) {
        for (JsonNode v : env) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no " + name);
    }
}
