package io.kubesphere.mcp.mcp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.kubesphere.mcp.auth.CallerCredentials;
import io.kubesphere.mcp.catalog.Defaults;
import io.kubesphere.mcp.catalog.InputValidator;
import io.kubesphere.mcp.catalog.ToolCatalog;
import io.kubesphere.mcp.catalog.ToolContext;
import io.kubesphere.mcp.catalog.ToolDefinition;
import io.kubesphere.mcp.catalog.ToolError;
import io.kubesphere.mcp.catalog.ToolReader;
import io.kubesphere.mcp.config.Jackson;
import io.kubesphere.mcp.health.ServerMetrics;
import io.kubesphere.mcp.kubesphere.KubeSphereClient;
import io.kubesphere.mcp.kubesphere.KubeSphereError;
import io.kubesphere.mcp.kubesphere.KubeSphereSession;
import io.kubesphere.mcp.policy.PrivilegedGrants;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import reactor.core.publisher.Mono;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs one tools/call: availability (toolset, read-only), argument parsing and validation, the handler, the
 * result as structuredContent plus text, and the audit line for write tools. Anything the caller can fix comes back
 * as an isError result that says what to do; nothing here answers with a stack trace.
 */
@ApplicationScoped
public class ToolInvoker implements ToolReader {

    private static final Logger LOG = Logger.getLogger(ToolInvoker.class);

    private final ToolCatalog catalog;
    private final KubeSphereClient client;
    private final CallerCredentials credentials;
    private final AuditLog audit;
    private final ServerMetrics metrics;
    private final InFlightCalls inFlight;
    private final PrivilegedGrants grants;
    private final ObjectMapper inputs = Jackson.plain().copy()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .registerModule(ExactEnums.module());
    private final Defaults defaults = new Defaults(inputs);
    private final ObjectMapper outputs = Jackson.plain().copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /**
     * Where answers leave the Vert.x event loop when no servlet thread waits for them (stdio, resources, completions;
     * see {@link #answeringHere}). Not Quarkus' worker pool: the SDK's servlet transport holds a worker thread for each
     * request over HTTP until it is answered, so with the pool full of waiting requests an answer queued there would
     * never run (200 concurrent calls stalled the server until it was killed). Its threads are bounded in practice by
     * the requests in flight, which that pool bounds.
     */
    private final Executor answers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "ks-mcp-answer");
        thread.setDaemon(true);
        return thread;
    });

    /** Marks the servlet thread that the SDK blocks until the POST it serves is answered (see {@link #answeringHere}). */
    private static final ThreadLocal<Boolean> WAITING_FOR_ANSWER = new ThreadLocal<>();

    /**
     * For the SDK's handling of one POST (try-with-resources): its tools/call is answered on this thread. The SDK
     * blocks the thread until the answer is written anyway, so waiting here saves handing every answer to another
     * thread (docs/performance.md).
     */
    static AnsweringHere answeringHere() {
        WAITING_FOR_ANSWER.set(Boolean.TRUE);
        return WAITING_FOR_ANSWER::remove;
    }

    interface AnsweringHere extends AutoCloseable {
        @Override
        void close();
    }

    public ToolInvoker(ToolCatalog catalog, KubeSphereClient client, CallerCredentials credentials, AuditLog audit,
            ServerMetrics metrics, InFlightCalls inFlight, PrivilegedGrants grants) {
        this.catalog = catalog;
        this.grants = grants;
        this.client = client;
        this.credentials = credentials;
        this.audit = audit;
        this.metrics = metrics;
        this.inFlight = inFlight;
    }

    public Mono<CallToolResult> call(ToolDefinition<?, ?> tool, McpAsyncServerExchange exchange, CallToolRequest request) {
        return Mono.fromCompletionStage(() -> invoke(tool, exchange, request).subscribeAsCompletionStage());
    }

    <I, O> Uni<CallToolResult> invoke(ToolDefinition<I, O> tool, McpAsyncServerExchange exchange, CallToolRequest request) {
        long started = System.nanoTime();
        boolean waitHere = Boolean.TRUE.equals(WAITING_FOR_ANSWER.get());
        Map<String, Object> arguments = request.arguments() == null ? Map.of() : request.arguments();
        // The server's identity, or in passthrough mode the caller's token from this request.
        KubeSphereSession session = new KubeSphereSession(client, credentials.forCall(exchange));
        Object progressToken = request.meta() == null ? null : request.meta().get("progressToken");
        // Settled once: by the handler, or by the shutdown when the grace period ends first. Whoever settles it
        // records the metrics and the audit line, so every call is audited exactly once, whatever happens to its client.
        CompletableFuture<Outcome> settled = new CompletableFuture<>();
        long[] id = new long[1];
        Consumer<Outcome> settle = outcome -> {
            if (settled.complete(outcome)) {
                inFlight.finish(id[0]);
                finished(tool, session, arguments, outcome, started);
            }
        };
        id[0] = inFlight.start(() -> settle.accept(interrupted(tool)));
        if (id[0] < 0) {
            settle.accept(new Outcome(error(SHUTTING_DOWN), "refused"));
        } else {
            handle(tool, session, exchange, progressToken, arguments, (input, output) -> success(tool, input, output))
                    .map(result -> new Outcome(result, "ok"))
                    .onFailure().recoverWithItem(failure -> failure(tool, failure))
                    .subscribe().with(settle, failure -> settle.accept(failure(tool, failure)));
        }
        // Never on the event loop that settles most calls: the SDK writes the answer with blocking servlet I/O.
        Uni<Outcome> answer = waitHere ? Uni.createFrom().item(settled::join)
                : Uni.createFrom().completionStage(settled).emitOn(answers);
        return answer
                .call(outcome -> ClientLog.afterCall(exchange, tool.name(), session.calls(), outcome.name(),
                        message(outcome.result())))
                .map(Outcome::result);
    }

    static final String SHUTTING_DOWN = "The server is shutting down and takes no new calls. Retry in a moment: "
            + "the client reconnects to another instance (or this one after its restart).";

    private static Outcome interrupted(ToolDefinition<?, ?> tool) {
        return new Outcome(error("Interrupted: the server stopped before " + tool.name() + " finished: KubeSphere may or may not "
                + "have carried it out. Check with a read tool (get_…/list_…) before retrying."), "interrupted");
    }

    /** Metrics and audit of one settled call. A metrics failure (e.g. the registry closing at shutdown) never costs
     * the audit line. */
    private void finished(ToolDefinition<?, ?> tool, KubeSphereSession session, Map<String, Object> arguments,
            Outcome outcome, long started) {
        try {
            metrics.toolCall(tool.name(), outcome.name(), System.nanoTime() - started);
        } catch (RuntimeException e) {
            LOG.debugf("metrics of %s not recorded: %s", tool.name(), e);
        }
        if (!tool.readOnly()) {
            audit(tool, session, arguments, outcome, started);
        }
    }

    private static CallToolResult error(String message) {
        return CallToolResult.builder().content(List.of(new TextContent(message))).isError(true).build();
    }

    /**
     * Runs a read tool for the server itself (completions, resources) as the caller of {@code exchange}: the same
     * availability check, argument validation, identity and upstream allowlist as tools/call, without its metrics.
     * Fails with the ToolError or KubeSphereError a tools/call would have turned into an isError result.
     */
    @Override
    @SuppressWarnings("unchecked")
    public <I, O> Uni<Map<String, Object>> read(ToolDefinition<I, O> tool, McpAsyncServerExchange exchange,
            Map<String, Object> arguments) {
        if (!tool.readOnly()) {
            return Uni.createFrom().failure(new IllegalArgumentException(tool.name() + " is not a read tool"));
        }
        KubeSphereSession session = new KubeSphereSession(client, credentials.forCall(exchange));
        return handle(tool, session, exchange, null, arguments, (input, output) -> output)
                .emitOn(answers)
                .map(output -> (Map<String, Object>) outputs.convertValue(output, Map.class));
    }

    /**
     * What tools/call and {@link #read} share: the tool's availability, its arguments and the credentials checked
     * before its handler runs. {@code finish} makes the answer from the parsed input and the handler's output.
     */
    private <I, O, R> Uni<R> handle(ToolDefinition<I, O> tool, KubeSphereSession session,
            McpAsyncServerExchange exchange, Object progressToken, Map<String, Object> arguments,
            BiFunction<I, O, R> finish) {
        return Uni.createFrom().deferred(() -> {
                    catalog.unavailable(tool).ifPresent(why -> {
                        throw ToolError.refused(why);
                    });
                    I input = parse(tool, arguments);
                    // Say why the credentials cannot work before a tool reasons about a missing username or a 401.
                    session.credentialsProblem().ifPresent(why -> {
                        throw new KubeSphereError(KubeSphereError.Kind.UNAUTHORIZED, 0, "", why);
                    });
                    ToolContext context = new ToolContext(session, exchange, progressToken);
                    // What the tool declared needs a person's yes is asked here, before its first request.
                    return tool.confirmation().needed(context, input)
                            .map(confirmation -> grants.ask(context, confirmation))
                            .orElseGet(() -> Uni.createFrom().voidItem())
                            .chain(() -> tool.handler().handle(context, input))
                            .map(output -> finish.apply(input, output));
                });
    }

    /** A result and what the audit log calls it: ok, invalid, refused or error. */
    private record Outcome(CallToolResult result, String name) {
    }

    private <I> I parse(ToolDefinition<I, ?> tool, Map<String, Object> arguments) {
        I input;
        try {
            input = defaults.apply(inputs.convertValue(arguments, tool.input()));
        } catch (IllegalArgumentException e) {
            throw ToolError.invalid(describe(tool, e));
        }
        List<String> problems = InputValidator.validate(input);
        if (!problems.isEmpty()) {
            problems.sort(Comparator.naturalOrder());
            throw ToolError.invalid("Invalid arguments for " + tool.name() + ": " + String.join("; ", problems)
                    + ". Nothing was sent to KubeSphere.");
        }
        return input;
    }

    private String describe(ToolDefinition<?, ?> tool, IllegalArgumentException e) {
        Throwable cause = e.getCause() instanceof JsonMappingException ? e.getCause() : e;
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "Unknown parameter '" + unknown.getPropertyName() + "' for " + tool.name() + ". Valid parameters: "
                    + String.join(", ", parameterNames(tool.input())) + ".";
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            // Say what was expected; Jackson's own text quotes the offending value, so never use it for a secret.
            String detail = AuditLog.isSecret(field) ? "expected a string"
                    : mapping instanceof MismatchedInputException mismatch && expected(mismatch.getTargetType()) != null
                    ? "expected " + expected(mismatch.getTargetType())
                    : mapping.getOriginalMessage().split("\n")[0];
            return "Invalid arguments for " + tool.name() + ": " + field + " has the wrong type or value (" + detail
                    + "). Nothing was sent to KubeSphere.";
        }
        return "Invalid arguments for " + tool.name() + ": " + cause.getMessage().split("\n")[0];
    }

    /** What a JSON value for this Java type looks like, or null to keep Jackson's message. */
    private String expected(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type.isEnum()) {
            // The wire names (@JsonValue), e.g. the built-in roles; custom names are never among them.
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> inputs.convertValue(c, String.class))
                    .collect(Collectors.joining(", "));
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a JSON object";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return type == String.class ? "a string" : null;
    }

    static List<String> parameterNames(Class<?> input) {
        if (!input.isRecord()) {
            return List.of();
        }
        return Arrays.stream(input.getRecordComponents()).map(InputValidator::jsonName).toList();
    }

    @SuppressWarnings("unchecked")
    private <I, O> CallToolResult success(ToolDefinition<I, O> tool, I input, O output) {
        Map<String, Object> structured = outputs.convertValue(output, Map.class);
        return CallToolResult.builder()
                .structuredContent(structured)
                .content(List.of(new TextContent(tool.text().apply(input, output))))
                .isError(false)
                .build();
    }

    private Outcome failure(ToolDefinition<?, ?> tool, Throwable failure) {
        String message;
        String outcome = "error";
        if (failure instanceof ToolError error) {
            message = error.getMessage();
            outcome = error.outcome() == ToolError.Outcome.FAILED ? "error" : error.outcome().name().toLowerCase();
        } else if (failure instanceof KubeSphereError error) {
            message = error.getMessage();
            if (error.kind() == KubeSphereError.Kind.REFUSED_BY_POLICY) {
                outcome = "refused";
            }
        } else {
            LOG.errorf(failure, "tool %s failed unexpectedly", tool.name());
            message = "The tool " + tool.name() + " failed unexpectedly (" + failure.getClass().getSimpleName()
                    + "). The server log has the details; retrying may help.";
        }
        return new Outcome(error(message), outcome);
    }

    private static String message(CallToolResult result) {
        return Boolean.TRUE.equals(result.isError()) && result.content().get(0) instanceof TextContent text
                ? text.text() : null;
    }

    private void audit(ToolDefinition<?, ?> tool, KubeSphereSession session, Map<String, Object> arguments,
            Outcome outcome, long started) {
        CallToolResult result = outcome.result();
        String message = Boolean.TRUE.equals(result.isError()) && result.content().get(0) instanceof TextContent text
                ? text.text() : null;
        audit.record(session.knownUsername().orElse("unknown"), tool.name(), arguments, session.calls(),
                outcome.name(), message, (System.nanoTime() - started) / 1_000_000);
    }
}
