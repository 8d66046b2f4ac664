package io.kubesphere.mcp.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.catalog.Page;
import io.kubesphere.mcp.catalog.PageNumber;
import io.kubesphere.mcp.catalog.PageSize;
import io.kubesphere.mcp.catalog.Paged;
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

import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract as snapshots: mcp-tools.json (served by the server instead of generating schemas at start-up) must
 * equal what the catalog generates and what tools/list serves; mcp-manifest.json (the MCP Registry's server.json) must
 * equal what {@link RegistryManifest} generates from the configuration keys; the README's tool and configuration tables
 * must equal the catalog. A change is therefore a visible diff, never an accident. Regenerate all three after an
 * intended change with {@code ./mvnw test -Dtest=ContractTest -Dcontract.update=true}.
 */
@QuarkusTest
class ContractTest {

    static final Path TOOLS = Path.of("src/main/resources/mcp-tools.json");
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
     * One paging shape: an input with page or limit is {@link Paged} and takes them as {@code @PageNumber} and
     * {@code @PageSize}; a paged tool answers a {@link Page}; no other output carries its own paging fields.
     */
    @Test
    void everyListToolPagesTheSameWay() {
        int paged = 0;
        for (ToolDefinition<?, ?> tool : catalog.all()) {
            Map<String, RecordComponent> components = tool.input().isRecord()
                    ? Arrays.stream(tool.input().getRecordComponents())
                            .collect(Collectors.toMap(RecordComponent::getName, c -> c))
                    : Map.of();
            boolean pages = components.containsKey("page") || components.containsKey("limit");
            assertEquals(pages, Paged.class.isAssignableFrom(tool.input()), tool.name() + ": page/limit come with Paged");
            if (pages) {
                paged++;
                assertTrue(components.get("page").isAnnotationPresent(PageNumber.class), tool.name() + " page");
                assertTrue(components.get("limit").isAnnotationPresent(PageSize.class), tool.name() + " limit");
                assertEquals(Page.class, tool.output().raw(), tool.name() + " answers a Page");
            } else {
                assertTrue(tool.output().raw() != Page.class, tool.name() + " answers a Page but takes no paging");
                assertTrue(!tool.output().raw().isRecord() || Arrays.stream(tool.output().raw().getRecordComponents())
                        .noneMatch(c -> c.getName().equals("hasMore")), tool.name() + " pages without Page");
            }
        }
        assertTrue(paged >= 14, "the list tools were found: " + paged);
    }

    /** The records' schemas are the truth; the server serves them from mcp-tools.json, so tools/list must equal it. */
    @Test
    void toolsFileMatchesTheCatalogAndToolsList() throws Exception {
        ObjectNode file = json.createObjectNode();
        ArrayNode list = file.putArray("tools");
        SchemaFactory schemas = new SchemaFactory();
        for (ToolDefinition<?, ?> tool : catalog.all()) {
            list.add(json.valueToTree(McpServerRuntime.describe(tool, schemas.inputSchema(tool.input()),
                    schemas.outputSchema(tool.output()))));
        }
        JsonNode actual = snapshot(TOOLS, file);
        if (UPDATE) {
            return; // the running server still serves the class-path copy of before; the next build refreshes it
        }

        List<McpSchema.Tool> served;
        try (McpTestClient mcp = McpTestClient.http(root)) {
            served = mcp.tools();
        }
        assertEquals(actual.path("tools"), json.valueToTree(served), "tools/list serves exactly mcp-tools.json");
    }

    @Test
    void registryManifestMatchesTheConfigurationKeys() throws Exception {
        snapshot(MANIFEST, RegistryManifest.build(json, version));
    }

    /** Writes the expected file under -Dcontract.update=true, else asserts the checked-in one equals it. */
    private JsonNode snapshot(Path path, ObjectNode expectedNode) throws Exception {
        String expected = json.writeValueAsString(expectedNode) + "\n";
        if (UPDATE) {
            Files.writeString(path, expected, StandardCharsets.UTF_8);
            return expectedNode; // a class-path copy is refreshed by the next build
        }
        assertTrue(Files.exists(path), path + " is missing; run with -Dcontract.update=true");
        JsonNode actual = json.readTree(Files.readString(path, StandardCharsets.UTF_8));
        assertEquals(json.readTree(expected), actual,
                path + " differs from what the code generates; if the change is intended, rerun with -Dcontract.update=true");
        return actual;
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
            String kind = (tool.readOnly() ? "read" : tool.idempotent() ? "write" : "write (not idempotent)")
                    + (tool.destructive() ? " (destructive)" : "");
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
