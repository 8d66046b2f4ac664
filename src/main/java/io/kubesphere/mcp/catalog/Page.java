package io.kubesphere.mcp.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.kubesphere.mcp.kubesphere.Kube;

import java.util.List;
import java.util.function.Function;

/** What every list tool answers: one page of items, the list's total, and where this page lies in it. */
public record Page<T>(List<T> items, int total, int page, int limit, @JsonProperty("has_more") boolean hasMore) {

    /** The output type of a tool that answers a page of {@code item}s, for its schema. */
    public static <T> OutputType<Page<T>> of(Class<T> item) {
        return OutputType.generic(Page.class, item);
    }

    public static <T> Page<T> of(List<T> items, int total, Paging paging) {
        return new Page<>(items, total, paging.page(), paging.limit(), paging.hasMore(total));
    }

    /** The page in a KubeSphere list body ({@code items} and {@code totalItems}), each item read by {@code item}. */
    public static <T> Page<T> from(JsonNode body, Paging paging, Function<JsonNode, T> item) {
        return of(Kube.items(body, item), Kube.total(body), paging);
    }

    /** This page of a list KubeSphere answers whole (routes that ignore page and limit). */
    public static <T> Page<T> slice(List<T> all, Paging paging) {
        return of(paging.slice(all), all.size(), paging);
    }

    /** "3 of 45 workspaces (page 2, limit 20): a; b; c" — see {@link Paging#render}. */
    public String render(String noun, Function<T, String> line, String separator) {
        return Paging.of(page, limit).render(total, noun, items.stream().map(line).toList(), separator);
    }
}
