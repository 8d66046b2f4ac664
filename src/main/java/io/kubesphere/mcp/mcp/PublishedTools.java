package io.kubesphere.mcp.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubesphere.mcp.config.Jackson;
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The tool schemas published in mcp-tools.json (a class-path resource). Generating them from the records at start-up
 * costs hundreds of milliseconds; ContractTest proves the file equals what the records generate and what tools/list
 * serves.
 */
final class PublishedTools {

    static final String RESOURCE = "/mcp-tools.json";
    private static final Logger LOG = Logger.getLogger(PublishedTools.class);
    private static final ObjectMapper JSON = Jackson.plain();

    private PublishedTools() {
    }

    /** Tool name → its published entry; empty when the file is not on the class path. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> load() {
        Map<String, Map<String, Object>> byName = new HashMap<>();
        try (InputStream in = PublishedTools.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return byName;
            }
            for (JsonNode tool : JSON.readTree(in).path("tools")) {
                byName.put(tool.path("name").asText(), JSON.convertValue(tool, Map.class));
            }
        } catch (Exception e) {
            LOG.warnf("mcp-tools.json is unreadable (%s); generating tool schemas instead", e.getMessage());
        }
        return byName;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> schema(Map<String, Object> entry, String key) {
        return (Map<String, Object>) entry.get(key);
    }
}
