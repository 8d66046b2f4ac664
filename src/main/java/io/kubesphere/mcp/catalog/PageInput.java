package io.kubesphere.mcp.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Input of a list tool that takes only paging. */
public record PageInput(
        @Min(1) @Default("1") Integer page,
        @Min(1) @Max(200) @Default("20") Integer limit) {

    public Paging paging() {
        return Paging.of(page, limit);
    }
}
