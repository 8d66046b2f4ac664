package io.kubesphere.mcp.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.kubesphere.mcp.catalog.ToolCatalog;
import io.kubesphere.mcp.catalog.ToolDefinition;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Native-image readiness: every class Jackson binds by reflection (tool input and output records with the records
 * and enums they contain, and the MCP SDK's schema types) is registered in reflect-config.json, which GraalVM reads
 * from META-INF/native-image on the classpath. A new tool that is not registered fails here, not in a native build.
 * Regenerate with {@code ./mvnw test -Dtest=NativeConfigTest -Dcontract.update=true}.
 */
@QuarkusTest
class NativeConfigTest {

    static final Path CONFIG = Path.of(
            "src/main/resources/META-INF/native-image/io.kubesphere.mcp/kubesphere-mcp-server/reflect-config.json");

    @Inject
    ToolCatalog catalog;

    @Test
    void everyJacksonBoundClassIsRegistered() throws Exception {
        TreeSet<String> names = new TreeSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        for (ToolDefinition<?, ?> tool : catalog.all()) {
            todo.add(tool.input());
            todo.add(tool.output().raw());
            todo.addAll(tool.output().arguments()); // a Page's items, which erasure hides from its components
        }
        todo.add(McpSchema.class);
        while (!todo.isEmpty()) {
            Class<?> type = todo.poll();
            if (type.isPrimitive() || type.getName().startsWith("java.") || !names.add(type.getName())) {
                continue;
            }
            if (type.getName().startsWith("io.modelcontextprotocol.")) {
                todo.addAll(java.util.List.of(type.getDeclaredClasses()));
            }
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    addTypes(component.getGenericType(), todo);
                }
            }
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode config = json.createArrayNode();
        for (String name : names) {
            config.addObject().put("name", name).put("allDeclaredConstructors", true).put("allDeclaredMethods", true)
                    .put("allDeclaredFields", true).put("allPublicMethods", true);
        }
        String expected = json.writeValueAsString(config) + "\n";
        if (ContractTest.UPDATE) {
            Files.createDirectories(CONFIG.getParent());
            Files.writeString(CONFIG, expected, StandardCharsets.UTF_8);
        }
        String actual = Files.exists(CONFIG) ? Files.readString(CONFIG, StandardCharsets.UTF_8) : "";
        assertEquals(json.readTree(expected), actual.isEmpty() ? null : json.readTree(actual),
                "reflect-config.json is stale; rerun with -Dcontract.update=true");
    }

    private static void addTypes(Type type, Deque<Class<?>> todo) {
        if (type instanceof Class<?> c) {
            todo.add(c.isArray() ? c.getComponentType() : c);
        } else if (type instanceof ParameterizedType p) {
            addTypes(p.getRawType(), todo);
            for (Type arg : p.getActualTypeArguments()) {
                addTypes(arg, todo);
            }
        }
    }
}
