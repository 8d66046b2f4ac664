package io.kubesphere.mcp.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fills each omitted parameter with its {@link Default}, the value the schema publishes, so a handler never repeats
 * a default: the invoker applies them once, after parsing and before validation, in nested records and lists too.
 */
public final class Defaults {

    /** Per input record: its canonical constructor and each component's default, already converted to its type. */
    private record Shape(Constructor<?> constructor, RecordComponent[] components, Object[] defaults) {
    }

    private final ObjectMapper json;
    private final ClassValue<Shape> shapes = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return shape(type);
        }
    };

    public Defaults(ObjectMapper json) {
        this.json = json;
    }

    /** {@code input} with every null component that declares a {@link Default} set to it; other values unchanged. */
    @SuppressWarnings("unchecked")
    public <T> T apply(T input) {
        return input == null ? null : (T) fill(input);
    }

    private Object fill(Object value) {
        if (value instanceof List<?> list) {
            List<Object> filled = new ArrayList<>(list.size());
            boolean changed = false;
            for (Object element : list) {
                Object f = fill(element);
                changed |= f != element;
                filled.add(f);
            }
            return changed ? filled : list;
        }
        if (value == null || !value.getClass().isRecord()) {
            return value;
        }
        Shape shape = shapes.get(value.getClass());
        Object[] args = new Object[shape.components().length];
        boolean changed = false;
        try {
            for (int i = 0; i < args.length; i++) {
                Object current = shape.components()[i].getAccessor().invoke(value);
                Object next = current == null ? shape.defaults()[i] : fill(current);
                changed |= next != current;
                args[i] = next;
            }
            return changed ? shape.constructor().newInstance(args) : value;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot apply defaults to " + value.getClass().getSimpleName(), e);
        }
    }

    private Shape shape(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] defaults = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Default declared = declaredDefault(type, components[i]);
            // Converted as a JSON string would be: enums by their wire name, numbers and booleans from their text.
            defaults[i] = declared == null ? null : json.convertValue(declared.value(), components[i].getType());
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            constructor.setAccessible(true);
            return new Shape(constructor, components, defaults);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type + " has no canonical constructor", e);
        }
    }

    private static Default declaredDefault(Class<?> type, RecordComponent component) {
        Default onComponent = declaredDefault(component.getAnnotations());
        if (onComponent != null) {
            return onComponent;
        }
        try {
            return declaredDefault(type.getDeclaredField(component.getName()).getAnnotations());
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    /** Its own {@link Default}, or that of a composed constraint on it (e.g. {@link PageSize}). */
    private static Default declaredDefault(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof Default direct) {
                return direct;
            }
        }
        for (Annotation annotation : annotations) {
            Default composed = annotation.annotationType().getAnnotation(Default.class);
            if (composed != null) {
                return composed;
            }
        }
        return null;
    }
}
