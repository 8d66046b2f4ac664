package io.kubesphere.mcp.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.catalog.SchemaFactory;
import io.kubesphere.mcp.catalog.ToolCatalog;
import io.kubesphere.mcp.catalog.ToolDefinition;
import io.kubesphere.mcp.config.ConfigKeys;
import io.kubesphere.mcp.mcp.McpServerRuntime;
import io.kubesphere.mcp.support.McpTestClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tool contract as a snapshot: mcp-manifest.json must equal what tools/list serves, and the README's tool and
 * configuration tables must equal the catalog. A schema change is therefore a visible diff, never an accident.
 * Regenerate after an intended change with {@code ./mvnw test -Dtest=ContractTest -Dcontract.update=true}.
 */
@QuarkusTest
class ContractTest {

    static final Path MANIFEST = Path.of("mcp-manifest.json");
    static final Path README = Path.of("README.md");
    static final boolean UPDATE = Boolean.getBoolean("contract.update");

    @TestHTTPResource("/")
    URI root;

    @Inject
    ToolCatalog catalog;

    @ConfigProperty(name = "quarkus.application.version")
    String version;

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * The manifest is generated from the catalog (the records' schemas are the truth); the server serves its schemas
     * from the manifest, so tools/list must then equal it.
     */
    @Test
    void manifestMatchesTheCatalogAndToolsList() throws Exception {
        ObjectNode manifest = json.createObjectNode();
        manifest.put("name", McpServerRuntime.NAME);
        manifest.put("version", version);
        manifest.put("description", "MCP server for KubeSphere tenant management and DevOps pipelines: typed tools "
                + "over the KubeSphere v4 API with a policy in code (no deletes, built-in roles only, least privilege, "
                + "human confirmation for admin grants).");
        manifest.putArray("transports").add("stdio").add("streamable-http");
        ArrayNode config = manifest.putArray("configuration");
        for (ConfigKeys.Key key : ConfigKeys.ALL) {
            ObjectNode k = config.addObject().put("key", key.env()).put("description", key.meaning());
            if (!key.defaultValue().isEmpty()) {
                k.put("default", key.defaultValue());
            }
            k.put("secret", key.secret());
        }
        ArrayNode list = manifest.putArray("tools");
        SchemaFactory schemas = new SchemaFactory();
        for (ToolDefinition<?, ?> tool : catalog.all()) {
            list.add(json.valueToTree(McpServerRuntime.describe(tool, schemas.inputSchema(tool.input()),
                    schemas.outputSchema(tool.output()))));
        }
        String expected = json.writeValueAsString(manifest) + "\n";
        if (UPDATE) {
            Files.writeString(MANIFEST, expected, StandardCharsets.UTF_8);
            return; // the classpath copy the server serves is refreshed by the next build
        }
        assertTrue(Files.exists(MANIFEST), "mcp-manifest.json is missing; run with -Dcontract.update=true");
        JsonNode actual = json.readTree(Files.readString(MANIFEST, StandardCharsets.UTF_8));
        assertEquals(json.readTree(expected), actual,
                "mcp-manifest.json differs from the catalog; if the change is intended, rerun with -Dcontract.update=true");

        List<McpSchema.Tool> served;
        try (McpTestClient mcp = McpTestClient.http(root)) {
            served = mcp.tools();
        }
        assertEquals(actual.path("tools"), json.valueToTree(served), "tools/list serves exactly the manifest's tools");
    }

    @Test
    void readmeTablesMatchTheCatalog() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String updated = replace(readme, "tools", toolTable());
        updated = replace(updated, "config", configTable());
        if (UPDATE && !updated.equals(readme)) {
            Files.writeString(README, updated, StandardCharsets.UTF_8);
            readme = updated;
        }
        assertEquals(updated, readme, "README tables differ from the catalog; rerun with -Dcontract.update=true");
    }

    private String toolTable() {
        StringBuilder sb = new StringBuilder("| tool | toolset | kind | what it does |\n|---|---|---|---|\n");
        for (ToolDefinition<?, ?> tool : catalog.all()) {
            String kind = tool.readOnly() ? "read" : tool.idempotent() ? "write" : "write (not idempotent)";
            sb.append("| `").append(tool.name()).append("` | ").append(tool.toolset()).append(" | ").append(kind)
                    .append(" | ").append(tool.description().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    private static String configTable() {
        StringBuilder sb = new StringBuilder("| key | default | meaning |\n|---|---|---|\n");
        for (ConfigKeys.Key key : ConfigKeys.ALL) {
            sb.append("| `").append(key.env()).append("` | ")
                    .append(key.defaultValue().isEmpty() ? "–" : "`" + key.defaultValue() + "`").append(" | ")
                    .append(key.meaning()).append(" |\n");
        }
        return sb.toString();
    }

    private static String replace(String readme, String section, String table) {
        String begin = "<!-- " + section + ":begin -->\n";
        String end = "<!-- " + section + ":end -->";
        int from = readme.indexOf(begin);
        int to = readme.indexOf(end);
        if (from < 0 || to < from) {
            throw new AssertionError("README.md lacks the markers " + begin.strip() + " … " + end);
        }
        return readme.substring(0, from + begin.length()) + table + readme.substring(to);
    }
}
