package io.kubesphere.mcp.catalog;

import java.lang.reflect.Type;
import java.util.List;

/**
 * A tool's output record with its type arguments, which erasure would lose: the schema of a {@code Page<Workspace>}
 * lists workspaces.
 */
public record OutputType<O>(Class<?> raw, List<Class<?>> arguments) {

    public OutputType {
        arguments = List.copyOf(arguments);
        if (raw.getTypeParameters().length != arguments.size()) {
            throw new IllegalArgumentException(raw.getSimpleName() + " takes " + raw.getTypeParameters().length
                    + " type arguments, given " + arguments);
        }
    }

    public static <O> OutputType<O> of(Class<O> type) {
        return new OutputType<>(type, List.of());
    }

    static <O> OutputType<O> generic(Class<?> raw, Class<?>... arguments) {
        return new OutputType<>(raw, List.of(arguments));
    }

    public Type[] typeArguments() {
        return arguments.toArray(Type[]::new);
    }
}
