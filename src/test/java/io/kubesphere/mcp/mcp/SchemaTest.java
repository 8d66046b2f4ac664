package io.kubesphere.mcp.mcp;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.kubesphere.mcp.catalog.Default;
import io.kubesphere.mcp.catalog.SchemaFactory;
import io.kubesphere.mcp.policy.Names;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SchemaTest {

    enum Color { RED, GREEN }

    record In(@NotNull @Pattern(regexp = Names.DNS_LABEL) String workspace,
            @JsonProperty("tail_lines") @JsonPropertyDescription("lines") @Max(5000) @Default("200") Integer tailLines,
            Color color, Map<String, String> labels) {
    }

    @Test
    @SuppressWarnings("unchecked")
    void requiredListsExactlyTheNotNullParameters() {
        Map<String, Object> schema = new SchemaFactory().inputSchema(In.class);
        assertEquals(List.of("workspace"), schema.get("required"));
        assertEquals(false, schema.get("additionalProperties"));
        Map<String, Object> props = (Map<String, Object>) schema.get("properties");
        Map<String, Object> tail = (Map<String, Object>) props.get("tail_lines");
        assertEquals(200, tail.get("default"));
        assertEquals(5000, tail.get("maximum"));
        assertEquals("lines", tail.get("description"));
        assertEquals(Names.DNS_LABEL, ((Map<String, Object>) props.get("workspace")).get("pattern"));
        assertEquals(List.of("RED", "GREEN"), ((Map<String, Object>) props.get("color")).get("enum"));
        // A map is open to any key (the value type is published), unlike a record.
        assertEquals(Map.of("type", "string"), ((Map<String, Object>) props.get("labels")).get("additionalProperties"));
    }
}
