package io.kubesphere.mcp.catalog;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Min;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A list tool's page: 1-based, default 1. With {@link PageSize}, the one paging shape of every {@link Paged} input. */
@Min(1)
@Default("1")
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface PageNumber {
    String message() default "must be at least 1 (the first page is 1)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
