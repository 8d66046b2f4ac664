package io.kubesphere.mcp.mcp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.kubesphere.mcp.config.Jackson;
import java.io.IOException;

/**
 * Tool arguments of an enum type (built-in roles, pipeline types...) take exactly one of the published strings.
 * Jackson alone takes a number as the constant's position ({@code globalrole: 1} was platform-self-provisioner) and
 * trims the text, control characters included ({@code "admin\u0000"} was admin).
 */
final class ExactEnums {

    private static final ObjectMapper WIRE = Jackson.plain();

    private ExactEnums() {
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("exact-enums");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                    BeanDescription description, JsonDeserializer<?> deserializer) {
                return new Exact(type.getRawClass(), deserializer);
            }
        });
        return module;
    }

    private static final class Exact extends JsonDeserializer<Object> {
        private final Class<?> type;
        private final JsonDeserializer<?> standard;

        Exact(Class<?> type, JsonDeserializer<?> standard) {
            this.type = type;
            this.standard = standard;
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw MismatchedInputException.from(parser, type, "not a string");
            }
            String text = parser.getText();
            Object value = standard.deserialize(parser, context);
            // The wire name (@JsonValue) of what Jackson found must be the text itself, not a trimmed or numeric form.
            if (value != null && !text.equals(WIRE.convertValue(value, String.class))) {
                throw InvalidFormatException.from(parser, "not an exact enum name", text, type);
            }
            return value;
        }
    }
}
