package io.kubesphere.mcp.catalog;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value a tool uses when the parameter is omitted; published as the schema's {@code default}. On a composed
 * constraint ({@link PageSize}) it is the default of every parameter that constraint marks.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface Default {
    String value();
}
