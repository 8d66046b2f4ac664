package io.kubesphere.mcp.guide;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.kubesphere.mcp.auth.CallerCredentials;
import io.kubesphere.mcp.catalog.ToolCatalog;
import io.kubesphere.mcp.catalog.ToolReader;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CompleteResult;
import io.modelcontextprotocol.spec.McpSchema.CompleteResult.CompleteCompletion;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Values for completion/complete, read from KubeSphere by running a list tool as the caller (same identity, argument
 * checks and upstream allowlist as tools/call). Answers are cached briefly per identity: in passthrough mode the key
 * holds a hash of the caller's token, so one caller's names are never served to another.
 */
@ApplicationScoped
public class Completer {

    private static final Logger LOG = Logger.getLogger(Completer.class);
    /** The most values completion/complete may return. */
    static final int MAX_VALUES = 100;

    /**
     * Where the values of one argument come from: a read tool, the argument names it needs from the arguments already
     * given (missing ones mean no values), and the item field holding the name.
     */
    public record Source(String tool, List<String> needs, List<String> optional, String field) {
    }

    public static final Source WORKSPACES = new Source("list_workspaces", List.of(), List.of(), "name");
    public static final Source CLUSTERS = new Source("list_clusters", List.of(), List.of(), "name");
    public static final Source USERS = new Source("list_users", List.of(), List.of(), "username");
    public static final Source PROJECTS = new Source("list_projects", List.of("cluster", "workspace"), List.of(), "name");
    public static final Source DEVOPS_PROJECTS = new Source("list_devops_projects", List.of("workspace"),
            List.of("cluster"), "namespace");
    public static final Source PIPELINES = new Source("list_pipelines", List.of("devops_project"), List.of("cluster"),
            "name");
    public static final Source RUNS = new Source("list_pipeline_runs", List.of("devops_project", "pipeline"),
            List.of("cluster"), "name");

    private record Key(String identity, String tool, Map<String, Object> arguments) {
    }

    private final ToolCatalog catalog;
    private final ToolReader invoker;
    private final CallerCredentials credentials;
    private final Cache<Key, List<String>> cache = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(30))
            .maximumSize(2_000)
            .build();

    public Completer(ToolCatalog catalog, ToolReader invoker, CallerCredentials credentials) {
        this.catalog = catalog;
        this.invoker = invoker;
        this.credentials = credentials;
    }

    /** Names from {@code source} that start with {@code prefix}, for the caller of {@code exchange}. */
    public Uni<CompleteResult> complete(Source source, String prefix, Map<String, String> given,
            McpAsyncServerExchange exchange) {
        Optional<String> identity = credentials.identity(exchange);
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (String need : source.needs()) {
            String value = given.get(need);
            if (value == null || value.isBlank()) {
                return Uni.createFrom().item(result(List.of(), prefix)); // e.g. projects before a workspace is chosen
            }
            arguments.put(need, value);
        }
        source.optional().stream().filter(o -> given.get(o) != null && !given.get(o).isBlank())
                .forEach(o -> arguments.put(o, given.get(o)));
        if (identity.isEmpty()) {
            return Uni.createFrom().item(result(List.of(), prefix)); // no caller, nothing to ask KubeSphere as
        }
        Key key = new Key(identity.get(), source.tool(), Map.copyOf(arguments));
        List<String> cached = cache.getIfPresent(key);
        if (cached != null) {
            return Uni.createFrom().item(result(cached, prefix));
        }
        return fetch(source, arguments, exchange)
                .invoke(names -> cache.put(key, names))
                .map(names -> result(names, prefix));
    }

    @SuppressWarnings("unchecked")
    private Uni<List<String>> fetch(Source source, Map<String, Object> arguments, McpAsyncServerExchange exchange) {
        var tool = catalog.find(source.tool()).orElseThrow();
        Map<String, Object> call = new LinkedHashMap<>(arguments);
        call.put("limit", 200);
        return invoker.read(tool, exchange, call)
                .map(output -> {
                    List<String> names = new ArrayList<>();
                    Object items = output.get("items");
                    if (items instanceof List<?> list) {
                        for (Object item : list) {
                            if (item instanceof Map<?, ?> map && map.get(source.field()) instanceof String name) {
                                names.add(name);
                            }
                        }
                    }
                    return List.copyOf(names);
                })
                // A completion is a hint: when KubeSphere says no (403, unknown workspace) there is nothing to offer.
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("no completions from %s: %s", source.tool(), failure.getMessage());
                    return List.of();
                });
    }

    static CompleteResult result(List<String> names, String prefix) {
        String p = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT);
        List<String> matching = names.stream().filter(n -> n.toLowerCase(Locale.ROOT).startsWith(p)).toList();
        List<String> shown = matching.size() > MAX_VALUES ? matching.subList(0, MAX_VALUES) : matching;
        return new CompleteResult(new CompleteCompletion(shown, matching.size(), matching.size() > shown.size()));
    }
}
