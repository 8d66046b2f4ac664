package io.kubesphere.mcp.catalog;

import io.kubesphere.mcp.config.ServerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** All tool definitions of all toolsets, and which of them this server instance offers. */
@ApplicationScoped
public class ToolCatalog {

    private final Map<String, ToolDefinition<?, ?>> all;
    private final Set<Toolset> enabledToolsets;
    private final boolean readOnly;

    public ToolCatalog(Instance<ToolProvider> providers, ServerConfig config) {
        List<ToolDefinition<?, ?>> tools = new ArrayList<>();
        providers.forEach(p -> tools.addAll(p.tools()));
        tools.sort(Comparator.comparing((ToolDefinition<?, ?> t) -> t.toolset()).thenComparing(t -> t.name()));
        Map<String, ToolDefinition<?, ?>> byName = new LinkedHashMap<>();
        for (ToolDefinition<?, ?> tool : tools) {
            if (byName.put(tool.name(), tool) != null) {
                throw new IllegalStateException("two tools are named " + tool.name());
            }
        }
        this.all = byName;
        this.enabledToolsets = parseToolsets(config.toolsets());
        this.readOnly = config.readOnly();
    }

    static Set<Toolset> parseToolsets(List<String> names) {
        EnumSet<Toolset> sets = EnumSet.noneOf(Toolset.class);
        for (String name : names) {
            String key = name.strip().toLowerCase(Locale.ROOT);
            if (key.isEmpty()) {
                continue;
            }
            try {
                sets.add(Toolset.valueOf(key));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("KS_MCP_TOOLSETS names an unknown toolset '" + name
                        + "'; valid toolsets are " + EnumSet.allOf(Toolset.class));
            }
        }
        return sets;
    }

    public List<ToolDefinition<?, ?>> all() {
        return List.copyOf(all.values());
    }

    public Optional<ToolDefinition<?, ?>> find(String name) {
        return Optional.ofNullable(all.get(name));
    }

    /** Why this tool is not offered here, or empty when it is. */
    public Optional<String> unavailable(ToolDefinition<?, ?> tool) {
        if (!enabledToolsets.contains(tool.toolset())) {
            return Optional.of("Tool '" + tool.name() + "' belongs to the '" + tool.toolset()
                    + "' toolset, which this server does not offer (KS_MCP_TOOLSETS=" + enabledToolsets + ").");
        }
        if (readOnly && !tool.readOnly()) {
            return Optional.of("Tool '" + tool.name() + "' changes KubeSphere, and this server runs read-only "
                    + "(KS_MCP_READ_ONLY=true). Ask the operator, or do it in the KubeSphere console.");
        }
        return Optional.empty();
    }

    public List<ToolDefinition<?, ?>> enabled() {
        return all.values().stream().filter(t -> unavailable(t).isEmpty()).toList();
    }
}
