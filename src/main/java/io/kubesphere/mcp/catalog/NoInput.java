package io.kubesphere.mcp.catalog;

/** Input of a tool without parameters. */
public record NoInput() {
}
