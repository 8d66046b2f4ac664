package io.kubesphere.mcp.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Constraint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Checks a tool's input record against the Jakarta constraint annotations on its components — the same annotations
 * {@link SchemaFactory} publishes in the input schema. Written here instead of using Hibernate Validator because that
 * builds metadata for every constrained class at start-up and costs more per call (docs/performance.md).
 * Supports exactly what the tool inputs use: NotNull, NotBlank, Size, Min, Max, Pattern, Email, composed constraints
 * such as {@code @DnsLabel} (reported as one violation with their own message), constraints on list elements and map
 * keys/values, and {@code @Valid} records. Anything else is refused when a record is first checked, so a new
 * annotation cannot be silently ignored.
 */
public final class InputValidator {

    /** One component's rules, compiled once per record class. */
    private record ComponentRules(String name, Method accessor, List<Rule> value, List<Rule> elements,
            List<Rule> keys, boolean cascade, boolean cascadeElements) {
    }

    /**
     * A single check and the message reported when it fails. A rule that refuses null says so with {@link #REQUIRED}
     * when {@code required}; a composed one keeps its own message, which tells what a valid value looks like.
     */
    private record Rule(Predicate<Object> valid, String message, boolean nullCheck, boolean required) {
        Rule(Predicate<Object> valid, String message, boolean nullCheck) {
            this(valid, message, nullCheck, false);
        }

        boolean accepts(Object value) {
            return value == null ? !nullCheck : valid.test(value);
        }
    }

    private static final String REQUIRED = "is required";

    private static final ClassValue<List<ComponentRules>> RULES = new ClassValue<>() {
        @Override
        protected List<ComponentRules> computeValue(Class<?> type) {
            return compile(type);
        }
    };

    private InputValidator() {
    }

    /** Violations as "parameter message" (e.g. "email is required"), in component order; empty when valid. */
    public static List<String> validate(Object input) {
        List<String> problems = new ArrayList<>();
        check(input, "", problems);
        return problems;
    }

    /** Compiles a record's rules now (e.g. in a test over the whole catalog), failing on unsupported constraints. */
    public static void prepare(Class<?> record) {
        RULES.get(record);
    }

    private static void check(Object input, String prefix, List<String> problems) {
        if (input == null || !input.getClass().isRecord()) {
            return;
        }
        for (ComponentRules component : RULES.get(input.getClass())) {
            Object value;
            try {
                value = component.accessor().invoke(input);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component.name(), e);
            }
            String path = prefix + component.name();
            apply(component.value(), value, path, problems);
            if (component.cascade()) {
                check(value, path + ".", problems);
            }
            if (value instanceof Collection<?> items) {
                int i = 0;
                for (Object item : items) {
                    String at = path + "[" + i++ + "]";
                    apply(component.elements(), item, at, problems);
                    if (component.cascadeElements()) {
                        check(item, at + ".", problems);
                    }
                }
            } else if (value instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String at = path + "[" + entry.getKey() + "]";
                    apply(component.keys(), entry.getKey(), at + " (key)", problems);
                    apply(component.elements(), entry.getValue(), at, problems);
                }
            }
        }
    }

    /** Each message once per parameter: several constraints often share one rule text (e.g. an email's). */
    private static void apply(List<Rule> rules, Object value, String path, List<String> problems) {
        List<String> said = new ArrayList<>();
        for (Rule rule : rules) {
            if (!rule.accepts(value)) {
                String message = value == null && rule.required() ? REQUIRED : rule.message();
                if (!said.contains(message)) {
                    said.add(message);
                    problems.add(path + " " + message);
                }
            }
        }
    }

    private static List<ComponentRules> compile(Class<?> type) {
        if (!type.isRecord()) {
            return List.of();
        }
        List<ComponentRules> components = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Field field;
            try {
                field = type.getDeclaredField(component.getName());
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("a record always has its component's field", e);
            }
            // Declaration annotations apply to the value; type-use annotations on type arguments to the elements.
            Annotation[] declared = field.getDeclaredAnnotations();
            List<Rule> elements = List.of();
            List<Rule> keys = List.of();
            boolean cascadeElements = false;
            if (field.getAnnotatedType() instanceof AnnotatedParameterizedType parameterized) {
                AnnotatedType[] arguments = parameterized.getAnnotatedActualTypeArguments();
                AnnotatedType element = Map.class.isAssignableFrom(field.getType()) ? arguments[1] : arguments[0];
                elements = rules(element.getAnnotations(), component, raw(element.getType()));
                cascadeElements = element.isAnnotationPresent(Valid.class);
                if (Map.class.isAssignableFrom(field.getType())) {
                    keys = rules(arguments[0].getAnnotations(), component, raw(arguments[0].getType()));
                }
            }
            components.add(new ComponentRules(jsonName(component), component.getAccessor(),
                    rules(declared, component, field.getType()),
                    elements, keys, field.isAnnotationPresent(Valid.class), cascadeElements));
        }
        return List.copyOf(components);
    }

    private static Class<?> raw(java.lang.reflect.Type type) {
        return type instanceof java.lang.reflect.ParameterizedType p ? (Class<?>) p.getRawType()
                : type instanceof Class<?> c ? c : Object.class;
    }

    private static List<Rule> rules(Annotation[] annotations, RecordComponent where, Class<?> type) {
        List<Rule> rules = new ArrayList<>();
        for (Annotation annotation : annotations) {
            Rule rule = rule(annotation, where, type);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return List.copyOf(rules);
    }

    /** The rule of one annotation; null for annotations that are not constraints (descriptions, defaults...). */
    private static Rule rule(Annotation annotation, RecordComponent where, Class<?> type) {
        if (annotation instanceof NotNull a) {
            return new Rule(v -> true, message(a.message(), REQUIRED), true, true);
        }
        if (annotation instanceof NotBlank a) {
            return new Rule(v -> !v.toString().isBlank(), message(a.message(), "must not be blank"), true, true);
        }
        if (annotation instanceof Size a) {
            int min = a.min();
            int max = a.max();
            return new Rule(v -> size(v) >= min && size(v) <= max, message(a.message(), sizeMessage(type, min, max)),
                    false);
        }
        if (annotation instanceof Min a) {
            long min = a.value();
            return new Rule(v -> ((Number) v).longValue() >= min,
                    message(a.message(), "must be at least " + min), false);
        }
        if (annotation instanceof Max a) {
            long max = a.value();
            return new Rule(v -> ((Number) v).longValue() <= max,
                    message(a.message(), "must be at most " + max), false);
        }
        if (annotation instanceof Pattern a) {
            if (a.flags().length > 0) {
                throw unsupported(annotation, where);
            }
            java.util.regex.Pattern regex = java.util.regex.Pattern.compile(a.regexp());
            return new Rule(v -> regex.matcher(v.toString()).matches(),
                    message(a.message(), "must match \"" + a.regexp() + "\""), false);
        }
        if (annotation instanceof Email a) {
            return new Rule(v -> email(v.toString()), message(a.message(), "must be a well-formed email address"), false);
        }
        Constraint constraint = annotation.annotationType().getAnnotation(Constraint.class);
        if (constraint == null) {
            return null;
        }
        // A composed constraint (e.g. @DnsLabel): all of its parts must hold, reported once with its own message.
        // One with a validator class of its own, or a built-in one not handled above, has no parts to check here.
        List<Rule> parts = rules(annotation.annotationType().getAnnotations(), where, type);
        if (constraint.validatedBy().length > 0 || parts.isEmpty()) {
            throw unsupported(annotation, where);
        }
        String text = composedMessage(annotation);
        return new Rule(v -> parts.stream().allMatch(p -> p.accepts(v)), text, parts.stream().anyMatch(Rule::nullCheck));
    }

    /** "must be 1 to 50 characters long", "must have at most 3 entries": in the unit of the parameter's type. */
    private static String sizeMessage(Class<?> type, int min, int max) {
        String unit = CharSequence.class.isAssignableFrom(type) ? "characters"
                : Map.class.isAssignableFrom(type) ? "entries" : "items";
        String range = min <= 0 ? "at most " + max : max == Integer.MAX_VALUE ? "at least " + min
                : min == max ? "exactly " + min : min + " to " + max;
        return (unit.equals("characters") ? "must be " + range + " characters long" : "must have " + range + " " + unit);
    }

    private static String message(String given, String standard) {
        return given.startsWith("{jakarta.validation.constraints.") ? standard : given;
    }

    private static String composedMessage(Annotation annotation) {
        try {
            return (String) annotation.annotationType().getMethod("message").invoke(annotation);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(annotation.annotationType().getName() + " has no message()", e);
        }
    }

    private static IllegalStateException unsupported(Annotation annotation, RecordComponent where) {
        return new IllegalStateException("InputValidator does not support " + annotation + " on "
                + where.getDeclaringRecord().getName() + "." + where.getName());
    }

    private static int size(Object value) {
        if (value instanceof CharSequence text) {
            return text.length();
        }
        if (value instanceof Collection<?> items) {
            return items.size();
        }
        if (value instanceof Map<?, ?> map) {
            return map.size();
        }
        if (value.getClass().isArray()) {
            return java.lang.reflect.Array.getLength(value);
        }
        throw new IllegalStateException("@Size on " + value.getClass().getName());
    }

    private static final java.util.regex.Pattern LOCAL_PART =
            java.util.regex.Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final java.util.regex.Pattern DOMAIN_LABEL =
            java.util.regex.Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    /** An addr-spec with a dot-atom local part (at most 64 characters) and a domain of DNS labels. */
    private static boolean email(String value) {
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1) {
            return false;
        }
        String local = value.substring(0, at);
        String domain = value.substring(at + 1);
        return local.length() <= 64 && LOCAL_PART.matcher(local).matches() && domain.length() <= 253
                && Arrays.stream(domain.split("\\.", -1)).allMatch(label -> DOMAIN_LABEL.matcher(label).matches());
    }

    /** The parameter's name on the wire: its {@code @JsonProperty} name, else the component name. */
    public static String jsonName(RecordComponent component) {
        JsonProperty property = component.getAnnotation(JsonProperty.class);
        if (property == null) {
            try {
                property = component.getDeclaringRecord().getDeclaredField(component.getName())
                        .getAnnotation(JsonProperty.class);
            } catch (NoSuchFieldException ignored) {
                // records always have the field
            }
        }
        return property != null && !property.value().isEmpty() ? property.value() : component.getName();
    }
}
