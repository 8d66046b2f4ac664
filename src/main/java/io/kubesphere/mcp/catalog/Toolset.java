package io.kubesphere.mcp.catalog;

/** The toolsets of TOOLS.md, selectable with KS_MCP_TOOLSETS. */
public enum Toolset {
    tenant, devops
}
