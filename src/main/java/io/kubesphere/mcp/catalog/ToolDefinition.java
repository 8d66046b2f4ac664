package io.kubesphere.mcp.catalog;

import io.kubesphere.mcp.kubesphere.Route;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Everything about one tool, in one value: its contract (name, title, description, input and output records,
 * annotations), the KubeSphere routes it may call (its share of the upstream allowlist), its handler and its text
 * rendering. tools/list, mcp-tools.json, the README table and the policy are all derived from these.
 */
public record ToolDefinition<I, O>(String name, String title, String description, Toolset toolset, boolean readOnly,
        boolean idempotent, boolean destructive, boolean openWorld, Class<I> input, OutputType<O> output,
        List<Route> routes, ConfirmationRule<I> confirmation, ToolHandler<I, O> handler, BiFunction<I, O, String> text) {

    public ToolDefinition {
        Objects.requireNonNull(name);
        Objects.requireNonNull(title);
        Objects.requireNonNull(description);
        routes = List.copyOf(routes);
        if (readOnly && routes.stream().anyMatch(r -> !r.method().equals("GET"))) {
            throw new IllegalArgumentException(name + " is read-only but declares a write route");
        }
        if (readOnly && destructive) {
            throw new IllegalArgumentException(name + " is read-only, so it cannot be destructive");
        }
        Objects.requireNonNull(confirmation);
    }

    public static <I, O> Builder<I, O> read(String name, Toolset toolset, Class<I> input, Class<O> output) {
        return read(name, toolset, input, OutputType.of(output));
    }

    /** A read tool with a generic output, e.g. {@code Page.of(Workspace.class)}. */
    public static <I, O> Builder<I, O> read(String name, Toolset toolset, Class<I> input, OutputType<O> output) {
        return new Builder<>(name, toolset, true, true, input, output);
    }

    public static <I, O> Builder<I, O> write(String name, Toolset toolset, boolean idempotent, Class<I> input,
            Class<O> output) {
        return new Builder<>(name, toolset, false, idempotent, input, OutputType.of(output));
    }

    /** Whether some of its calls need a person's yes (declared with {@link Builder#confirm}). */
    public boolean confirms() {
        return confirmation != ConfirmationRule.none();
    }

    @SuppressWarnings("unchecked")
    public O cast(Object value) {
        return (O) value;
    }

    public static final class Builder<I, O> {
        private final String name;
        private final Toolset toolset;
        private final boolean readOnly;
        private final boolean idempotent;
        private final Class<I> input;
        private final OutputType<O> output;
        private String title;
        private String description;
        private List<Route> routes = List.of();
        private BiFunction<I, O, String> text;
        private boolean destructive;
        private boolean openWorld;
        private ConfirmationRule<I> confirmation = ConfirmationRule.none();

        private Builder(String name, Toolset toolset, boolean readOnly, boolean idempotent, Class<I> input,
                OutputType<O> output) {
            this.name = name;
            this.toolset = toolset;
            this.readOnly = readOnly;
            this.idempotent = idempotent;
            this.input = input;
            this.output = output;
        }

        public Builder<I, O> title(String title) {
            this.title = title;
            return this;
        }

        public Builder<I, O> description(String description) {
            this.description = description;
            return this;
        }

        /** A write that can take something away (lock a user out, end a running build): MCP's destructiveHint. */
        public Builder<I, O> destructive() {
            this.destructive = true;
            return this;
        }

        /** Its effects reach beyond KubeSphere (e.g. Jenkins runs a repository's code): MCP's openWorldHint. */
        public Builder<I, O> openWorld() {
            this.openWorld = true;
            return this;
        }

        /** Which calls need a person's yes; the invoker asks before the handler runs. */
        public Builder<I, O> confirm(ConfirmationRule<I> rule) {
            this.confirmation = Objects.requireNonNull(rule);
            return this;
        }

        public Builder<I, O> routes(Route... routes) {
            this.routes = List.of(routes);
            return this;
        }

        /** The text content an agent reads, from the output alone. */
        public Builder<I, O> text(Function<O, String> text) {
            Objects.requireNonNull(text);
            this.text = (in, out) -> text.apply(out);
            return this;
        }

        /** The text content from the input too, e.g. to name what a page lists without echoing it in the output. */
        public Builder<I, O> textWith(BiFunction<I, O, String> text) {
            this.text = Objects.requireNonNull(text);
            return this;
        }

        public ToolDefinition<I, O> handler(ToolHandler<I, O> handler) {
            return new ToolDefinition<>(name, title, description, toolset, readOnly, idempotent, destructive, openWorld,
                    input, output, routes, confirmation, handler, Objects.requireNonNull(text, name + " needs a text rendering"));
        }
    }
}
