package io.kubesphere.mcp.catalog;

import java.util.List;

/** A toolset: a CDI bean that returns its tool definitions. */
public interface ToolProvider {
    List<ToolDefinition<?, ?>> tools();
}
