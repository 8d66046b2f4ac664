package io.kubesphere.mcp.catalog;

import java.util.Optional;

/**
 * Declared with a tool: which of its calls need a person's yes. The invoker asks before the handler runs, so a tool
 * cannot forget to. A rule may also refuse outright (throw a {@link ToolError}) before anyone is asked.
 */
@FunctionalInterface
public interface ConfirmationRule<I> {

    Optional<Confirmation> needed(ToolContext context, I input);

    /** One shared value, so that a tool without a rule can be told apart ({@code ToolDefinition.confirms()}). */
    ConfirmationRule<Object> NONE = (context, input) -> Optional.empty();

    @SuppressWarnings("unchecked")
    static <I> ConfirmationRule<I> none() {
        return (ConfirmationRule<I>) NONE;
    }
}
