package io.kubesphere.mcp.catalog;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import io.kubesphere.mcp.config.Jackson;
import jakarta.validation.Constraint;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Predicate;

/**
 * JSON Schemas of tool input and output records. Input schemas list exactly the {@code @NotNull}/{@code @NotBlank}
 * parameters as required and forbid unknown ones; both carry the enums, patterns and bounds of the records' annotations.
 */
public final class SchemaFactory {

    /** Look through constraint annotations for the ones they are composed of. */
    private static final Predicate<Annotation> COMPOSED = a -> a.annotationType().isAnnotationPresent(Constraint.class);

    private final ObjectMapper json = Jackson.plain().copy().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private final SchemaGenerator input = generator(true);
    private final SchemaGenerator output = generator(false);

    private SchemaGenerator generator(boolean strict) {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(json, SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
                .with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED,
                        JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE))
                .with(new JakartaValidationModule(JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED,
                        JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS))
                .without(Option.SCHEMA_VERSION_INDICATOR);
        if (strict) {
            // Records take exactly their components; a Map takes any key with its value type.
            config.forTypesInGeneral().withAdditionalPropertiesResolver(scope -> {
                if (scope.getType().isInstanceOf(Map.class)) {
                    ResolvedType value = scope.getTypeParameterFor(Map.class, 1);
                    return value == null ? Object.class : value.getErasedType();
                }
                return scope.getType().getErasedType().isRecord() ? Void.class : null;
            });
        }
        // Composed constraints (e.g. a name rule made of @Size and @Pattern) publish the rules they are made of.
        config.forFields().withStringPatternResolver(field -> {
            Pattern pattern = field.getAnnotationConsideringFieldAndGetter(Pattern.class, COMPOSED);
            return pattern == null ? null : pattern.regexp();
        });
        config.forFields().withStringMaxLengthResolver(field -> {
            if (!field.getType().isInstanceOf(CharSequence.class)) {
                return null; // @Size of a list bounds its items, not a length
            }
            Size size = field.getAnnotationConsideringFieldAndGetter(Size.class, COMPOSED);
            return size == null || size.max() == Integer.MAX_VALUE ? null : Integer.valueOf(size.max());
        });
        config.forFields().withNumberInclusiveMinimumResolver(field -> {
            Min min = field.getAnnotationConsideringFieldAndGetter(Min.class, COMPOSED);
            return min == null ? null : BigDecimal.valueOf(min.value());
        });
        config.forFields().withNumberInclusiveMaximumResolver(field -> {
            Max max = field.getAnnotationConsideringFieldAndGetter(Max.class, COMPOSED);
            return max == null ? null : BigDecimal.valueOf(max.value());
        });
        config.forFields().withDefaultResolver(field -> {
            Default value = field.getAnnotationConsideringFieldAndGetter(Default.class, COMPOSED);
            if (value == null) {
                return null;
            }
            Class<?> type = field.getType().getErasedType();
            if (type == Integer.class || type == int.class) {
                return Integer.valueOf(value.value());
            }
            if (type == Boolean.class || type == boolean.class) {
                return Boolean.valueOf(value.value());
            }
            return value.value();
        });
        return new SchemaGenerator(config.build());
    }

    public Map<String, Object> inputSchema(Class<?> type) {
        ObjectNode schema = input.generateSchema(type);
        if (!schema.has("properties")) {
            schema.putObject("properties"); // MCP clients expect an object schema even without parameters
        }
        return toMap(schema);
    }

    public Map<String, Object> outputSchema(OutputType<?> type) {
        return toMap(output.generateSchema(type.raw(), type.typeArguments()));
    }

    /** Through JSON text, so that bounds are plain integers (victools builds BigDecimals such as 2E+2). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> toMap(ObjectNode schema) {
        try {
            return json.readValue(json.writeValueAsString(schema), Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
