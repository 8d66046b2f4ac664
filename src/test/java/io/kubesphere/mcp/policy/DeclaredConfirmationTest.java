package io.kubesphere.mcp.policy;

import io.kubesphere.mcp.catalog.ToolCatalog;
import io.kubesphere.mcp.catalog.ToolDefinition;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Confirmation is declared with each tool and enforced by the invoker, so a tool cannot forget it: every write tool
 * whose input can name an admin-level built-in role declares a rule. A new grant tool without one fails here.
 */
@QuarkusTest
class DeclaredConfirmationTest {

    @Inject
    ToolCatalog catalog;

    @Test
    void everyToolThatCanGrantAnAdminRoleDeclaresAConfirmation() {
        List<String> grantTools = catalog.all().stream().filter(t -> !t.readOnly())
                .filter(DeclaredConfirmationTest::canNameAnAdminRole).map(ToolDefinition::name).sorted().toList();
        assertFalse(grantTools.isEmpty(), "the role enums are found");
        List<String> undeclared = catalog.all().stream().filter(t -> grantTools.contains(t.name()))
                .filter(t -> !t.confirms()).map(ToolDefinition::name).toList();
        assertEquals(List.of(), undeclared, "grant tools without a declared confirmation");
    }

    @Test
    void readToolsNeverAsk() {
        assertEquals(List.of(), catalog.all().stream().filter(ToolDefinition::readOnly).filter(ToolDefinition::confirms)
                .map(ToolDefinition::name).toList());
    }

    private static boolean canNameAnAdminRole(ToolDefinition<?, ?> tool) {
        return tool.input().isRecord() && Arrays.stream(tool.input().getRecordComponents())
                .map(RecordComponent::getType).filter(Class::isEnum)
                .anyMatch(type -> Arrays.stream(type.getEnumConstants()).anyMatch(c -> c.toString().contains("ADMIN")
                        || ((Enum<?>) c).name().contains("ADMIN")));
    }
}
