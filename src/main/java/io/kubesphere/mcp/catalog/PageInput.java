package io.kubesphere.mcp.catalog;

/** Input of a list tool that takes only paging. */
public record PageInput(@PageNumber Integer page, @PageSize Integer limit) implements Paged {
}
