package io.kubesphere.mcp.catalog;

/**
 * The input of a list tool: its page and limit, declared as {@code @PageNumber Integer page, @PageSize Integer limit}
 * (the invoker fills their defaults before the handler runs).
 */
public interface Paged {

    Integer page();

    Integer limit();

    default Paging paging() {
        return Paging.of(page(), limit());
    }
}
