package io.kubesphere.mcp.policy;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A workspace, project, cluster, pipeline or run name: a DNS-1123 label (the schema shows the same rule). */
@Size(max = 63)
@Pattern(regexp = Names.DNS_LABEL)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface DnsLabel {
    String message() default Names.DNS_LABEL_RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
