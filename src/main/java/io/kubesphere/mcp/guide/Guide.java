package io.kubesphere.mcp.guide;

import io.kubesphere.mcp.catalog.ToolCatalog;
import io.kubesphere.mcp.catalog.ToolReader;
import io.kubesphere.mcp.catalog.ToolDefinition;
import io.kubesphere.mcp.catalog.ToolError;
import io.kubesphere.mcp.catalog.Toolset;
import io.kubesphere.mcp.kubesphere.KubeSphereError;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncCompletionSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CompleteRequest;
import io.modelcontextprotocol.spec.McpSchema.CompleteResult;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import jakarta.enterprise.context.ApplicationScoped;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What MCP offers a person besides tools: prompts for the skills' workflows with completions of their arguments
 * from KubeSphere, the built-in roles as resources, and a pipeline run's log as a resource template.
 */
@ApplicationScoped
public class Guide {

    static final String LOG_TEMPLATE = "kubesphere://devops/{devops_project}/pipelines/{pipeline}/runs/{run}/log";
    private static final Pattern LOG_URI = Pattern.compile(
            "kubesphere://devops/([^/]+)/pipelines/([^/]+)/runs/([^/]+)/log");
    /** The longest tail get_pipeline_run_log gives: a client attaches the whole end of the log. */
    private static final int LOG_LINES = 5000;

    private final ToolCatalog catalog;
    private final ToolReader invoker;
    private final Completer completer;

    public Guide(ToolCatalog catalog, ToolReader invoker, Completer completer) {
        this.catalog = catalog;
        this.invoker = invoker;
        this.completer = completer;
    }

    /** The workflows whose tools this server offers, all of them: a prompt never names a tool that is not there. */
    private List<Workflow> offered() {
        return Workflows.ALL.stream().filter(w -> w.tools().stream().allMatch(this::offers)).toList();
    }

    private boolean offers(String tool) {
        return catalog.find(tool).map(t -> catalog.unavailable(t).isEmpty()).orElse(false);
    }

    public List<AsyncPromptSpecification> prompts() {
        List<AsyncPromptSpecification> specs = new ArrayList<>();
        for (Workflow w : offered()) {
            List<McpSchema.PromptArgument> args = w.arguments().stream()
                    .map(a -> new McpSchema.PromptArgument(a.name(), null, a.description(), a.required())).toList();
            McpSchema.Prompt prompt = new McpSchema.Prompt(w.name(), w.title(), w.description(), args);
            specs.add(new AsyncPromptSpecification(prompt, (exchange, request) -> get(w, request.arguments())));
        }
        return specs;
    }

    private static Mono<GetPromptResult> get(Workflow workflow, Map<String, Object> given) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Workflow.Argument a : workflow.arguments()) {
            Object raw = given == null ? null : given.get(a.name());
            String value = raw == null ? "" : String.valueOf(raw).strip();
            if (value.isEmpty()) {
                if (a.required()) {
                    problems.add(a.name() + " is required (" + a.description() + ")");
                }
                continue;
            }
            String problem = Workflow.problem(a.name(), value);
            if (problem != null) {
                problems.add(a.name() + " " + problem);
            } else {
                values.put(a.name(), value);
            }
        }
        if (!problems.isEmpty()) {
            return Mono.error(McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                    .message("Invalid arguments for prompt " + workflow.name() + ": " + String.join("; ", problems)
                            + ". Fill them in and ask again (completion/complete suggests names).")
                    .build());
        }
        return Mono.just(new GetPromptResult(workflow.description(), List.of(new PromptMessage(McpSchema.Role.USER,
                new TextContent(Workflows.render(workflow, values))))));
    }

    public List<AsyncCompletionSpecification> completions() {
        List<AsyncCompletionSpecification> specs = new ArrayList<>();
        for (Workflow w : offered()) {
            specs.add(new AsyncCompletionSpecification(new McpSchema.PromptReference(w.name()),
                    (exchange, request) -> complete(w.arguments(), exchange, request)));
        }
        if (offers("get_pipeline_run_log")) {
            List<Workflow.Argument> logArgs = List.of(
                    Workflow.required("devops_project", "", Completer.DEVOPS_PROJECTS),
                    Workflow.required("pipeline", "", Completer.PIPELINES),
                    Workflow.required("run", "", Completer.RUNS));
            specs.add(new AsyncCompletionSpecification(new McpSchema.ResourceReference(LOG_TEMPLATE),
                    (exchange, request) -> complete(logArgs, exchange, request)));
        }
        return specs;
    }

    private Mono<CompleteResult> complete(List<Workflow.Argument> arguments, McpAsyncServerExchange exchange,
            CompleteRequest request) {
        String name = request.argument().name();
        Completer.Source source = arguments.stream().filter(a -> a.name().equals(name)).findFirst()
                .map(Workflow.Argument::source).orElse(null);
        if (source == null) {
            return Mono.just(Completer.result(List.of(), ""));
        }
        Map<String, String> context = request.context() == null || request.context().arguments() == null ? Map.of()
                : request.context().arguments();
        return Mono.fromCompletionStage(() -> completer.complete(source, request.argument().value(), context, exchange)
                .subscribeAsCompletionStage());
    }

    public List<AsyncResourceSpecification> resources() {
        if (catalog.enabled().stream().noneMatch(t -> t.toolset() == Toolset.tenant)) {
            return List.of();
        }
        List<AsyncResourceSpecification> specs = new ArrayList<>();
        for (RoleGuide.Scope scope : RoleGuide.SCOPES) {
            McpSchema.Resource resource = McpSchema.Resource.builder().uri(scope.uri()).name("roles-" + scope.name())
                    .title(scope.title()).description("What each built-in " + scope.name() + " role may do")
                    .mimeType("text/markdown").build();
            specs.add(new AsyncResourceSpecification(resource, (exchange, request) -> Mono.just(new ReadResourceResult(
                    List.of(new TextResourceContents(scope.uri(), "text/markdown", scope.text()))))));
        }
        return specs;
    }

    public List<AsyncResourceTemplateSpecification> resourceTemplates() {
        ToolDefinition<?, ?> log = catalog.find("get_pipeline_run_log").orElse(null);
        if (log == null || catalog.unavailable(log).isPresent()) {
            return List.of();
        }
        McpSchema.ResourceTemplate template = McpSchema.ResourceTemplate.builder().uriTemplate(LOG_TEMPLATE)
                .name("pipeline-run-log").title("Pipeline run log")
                .description("The end of a pipeline run's Jenkins console log (host cluster)")
                .mimeType("text/plain").build();
        return List.of(new AsyncResourceTemplateSpecification(template,
                (exchange, request) -> readLog(log, exchange, request.uri())));
    }

    @SuppressWarnings("unchecked")
    private Mono<ReadResourceResult> readLog(ToolDefinition<?, ?> tool, McpAsyncServerExchange exchange, String uri) {
        Matcher m = LOG_URI.matcher(uri);
        if (!m.matches()) {
            return Mono.error(McpError.RESOURCE_NOT_FOUND.apply(uri));
        }
        Map<String, Object> args = Map.of("devops_project", m.group(1), "pipeline", m.group(2), "run", m.group(3),
                "tail_lines", LOG_LINES);
        return Mono.fromCompletionStage(() -> invoker.read(tool, exchange, args).subscribeAsCompletionStage())
                .map(out -> new ReadResourceResult(List.of(new TextResourceContents(uri, "text/plain",
                        String.valueOf(out.getOrDefault("log", ""))))))
                .onErrorMap(e -> e instanceof ToolError || e instanceof KubeSphereError
                        // Already says what was wrong and what to do, without secrets.
                        ? McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(e.getMessage()).build()
                        : e);
    }
}
