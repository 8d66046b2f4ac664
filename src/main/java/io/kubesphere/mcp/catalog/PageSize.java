package io.kubesphere.mcp.catalog;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A list tool's limit: items per page, 1 to {@value Paging#MAX_LIMIT}, default {@value Paging#DEFAULT_LIMIT}. */
@Min(1)
@Max(Paging.MAX_LIMIT)
@Default("" + Paging.DEFAULT_LIMIT)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface PageSize {
    String message() default "must be 1 to " + Paging.MAX_LIMIT;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
