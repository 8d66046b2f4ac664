package io.kubesphere.mcp.catalog;

import io.kubesphere.mcp.kubesphere.KsCall;

import java.util.List;

/** page (1-based, default 1) and limit (default 20, max 200) as every list tool takes them. */
public record Paging(int page, int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 200;

    public static Paging of(Integer page, Integer limit) {
        return new Paging(page == null ? 1 : page, limit == null ? DEFAULT_LIMIT : limit);
    }

    /** KubeSphere pages server-side with the same 1-based page and limit. */
    public KsCall apply(KsCall call) {
        return call.query("page", page).query("limit", limit);
    }

    /** This page of a list held whole, for routes that ignore page and limit. */
    public <T> List<T> slice(List<T> all) {
        long from = (long) (page - 1) * limit;
        if (from >= all.size()) {
            return List.of();
        }
        return all.subList((int) from, (int) Math.min(all.size(), from + limit));
    }

    public boolean hasMore(int total) {
        return (long) page * limit < total;
    }

    /** "page 2 of 5" style suffix for text renderings. */
    public String describe(int shown, int total) {
        return shown + " of " + total + (page > 1 || hasMore(total) ? " (page " + page + ", limit " + limit + ")" : "");
    }
}
