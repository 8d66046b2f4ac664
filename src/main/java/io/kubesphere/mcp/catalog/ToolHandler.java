package io.kubesphere.mcp.catalog;

import io.smallrye.mutiny.Uni;

/** The body of a tool: validated input in, output record out, never blocking. */
@FunctionalInterface
public interface ToolHandler<I, O> {
    Uni<O> handle(ToolContext context, I input);
}
