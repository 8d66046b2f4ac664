package io.kubesphere.mcp.catalog;

import java.util.List;

/** page (1-based, default 1) and limit (default 20, max 200) as every list tool takes them, and KubeSphere pages. */
public record Paging(int page, int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 200;

    public static Paging of(Integer page, Integer limit) {
        return new Paging(page == null ? 1 : page, limit == null ? DEFAULT_LIMIT : limit);
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

    /** "3 of 45" and the page when there is more than one; {@link #render} is the whole heading. */
    public String describe(int shown, int total) {
        return shown + " of " + total + (page > 1 || hasMore(total) ? " (page " + page + ", limit " + limit + ")" : "");
    }

    /**
     * A list tool's text: "3 of 45 workspaces (page 2, limit 20): a; b; c". The noun agrees with the total, and an
     * empty page ends after its heading (saying so when it lies past the last page) instead of on a dangling colon.
     */
    public String render(int total, String noun, List<String> lines, String separator) {
        StringBuilder text = new StringBuilder().append(lines.size()).append(" of ").append(Counted.of(total, noun));
        if (lines.isEmpty() && total > 0) {
            int last = (total + limit - 1) / limit;
            text.append(" (page ").append(page).append(" is past the last page, ").append(last).append(", at limit ")
                    .append(limit).append(')');
        } else if (page > 1 || hasMore(total)) {
            text.append(" (page ").append(page).append(", limit ").append(limit).append(')');
        }
        return lines.isEmpty() ? text.toString() : text.append(": ").append(String.join(separator, lines)).toString();
    }
}
