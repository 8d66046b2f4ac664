package io.kubesphere.mcp.catalog;

/**
 * A tool call that cannot go on, with a message that says what was wrong and what to do. It becomes an MCP
 * {@code isError} result, never a JSON-RPC error.
 */
public final class ToolError extends RuntimeException {

    public enum Outcome { INVALID, REFUSED, FAILED }

    private final Outcome outcome;

    public ToolError(Outcome outcome, String message) {
        super(message, null, false, false);
        this.outcome = outcome;
    }

    public static ToolError invalid(String message) {
        return new ToolError(Outcome.INVALID, message);
    }

    public static ToolError refused(String message) {
        return new ToolError(Outcome.REFUSED, message);
    }

    public Outcome outcome() {
        return outcome;
    }
}
