package io.kubesphere.mcp.catalog;

/** A count with its noun, singular only for one: "1 workspace", "0 workspaces", "3 DevOps projects". */
public final class Counted {

    private Counted() {
    }

    /** The plural adds "s", which holds for every noun the tools count; use the other form for the rest. */
    public static String of(long count, String singular) {
        return of(count, singular, singular + "s");
    }

    public static String of(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }
}
