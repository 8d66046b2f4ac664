package io.kubesphere.mcp.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The tool schemas published in mcp-manifest.json (on the classpath). Generating them from the records at start-up
 * costs hundreds of milliseconds; ContractTest proves the manifest equals what the records generate.
 */
final class ManifestSchemas {

    private static final Logger LOG = Logger.getLogger(ManifestSchemas.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ManifestSchemas() {
    }

    /** Tool name → its manifest entry; empty when the manifest is not on the classpath. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> load() {
        Map<String, Map<String, Object>> byName = new HashMap<>();
        try (InputStream in = ManifestSchemas.class.getResourceAsStream("/mcp-manifest.json")) {
            if (in == null) {
                return byName;
            }
            for (JsonNode tool : JSON.readTree(in).path("tools")) {
                byName.put(tool.path("name").asText(), JSON.convertValue(tool, Map.class));
            }
        } catch (Exception e) {
            LOG.warnf("mcp-manifest.json is unreadable (%s); generating tool schemas instead", e.getMessage());
        }
        return byName;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> schema(Map<String, Object> entry, String key) {
        return (Map<String, Object>) entry.get(key);
    }
}
