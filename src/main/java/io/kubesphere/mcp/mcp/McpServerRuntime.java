package io.kubesphere.mcp.mcp;

import io.kubesphere.mcp.auth.CallerCredentials;
import io.kubesphere.mcp.catalog.SchemaFactory;
import io.kubesphere.mcp.catalog.ToolCatalog;
import io.kubesphere.mcp.catalog.ToolDefinition;
import io.kubesphere.mcp.config.ServerConfig;
import io.kubesphere.mcp.guide.Guide;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import reactor.core.publisher.Mono;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** Builds the MCP server (official SDK, async API) from the tool catalog, on stdio or on streamable HTTP at /mcp. */
@ApplicationScoped
public class McpServerRuntime {

    private static final Logger LOG = Logger.getLogger(McpServerRuntime.class);

    public static final String INSTRUCTIONS = "KubeSphere tenant management (workspaces, projects, users, members, "
            + "built-in roles) and DevOps pipelines. Never deletes; only built-in roles; least privilege by default; "
            + "admin grants need a person's confirmation. Call whoami first to see who you act as.";

    private final ServerConfig config;
    private final ToolCatalog catalog;
    private final ToolInvoker invoker;
    private final Guide guide;
    private final McpJsonMapper json;
    private final JsonSchemaValidator schemas;
    private final String version;
    private final HeaderGuard guard;
    private final InFlightCalls inFlight;
    private final Duration shutdownDelay;
    private volatile long shutdownBegan;
    private volatile List<AsyncToolSpecification> specifications;
    private volatile HttpServletStreamableServerTransportProvider http;
    private volatile McpAsyncServer server;

    public McpServerRuntime(ServerConfig config, ToolCatalog catalog, ToolInvoker invoker, Guide guide,
            McpJsonMapper json, JsonSchemaValidator schemas,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version,
            HeaderGuard guard, InFlightCalls inFlight,
            @ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> shutdownDelay) {
        this.config = config;
        this.catalog = catalog;
        this.invoker = invoker;
        this.guide = guide;
        this.json = json;
        this.schemas = schemas;
        this.version = version;
        this.guard = guard;
        this.inFlight = inFlight;
        this.shutdownDelay = shutdownDelay.orElse(Duration.ZERO);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.transport() == ServerConfig.Transport.http) {
            http();
        }
    }

    /**
     * SIGTERM over HTTP: readiness is DOWN from here, new requests are still served for the delay, then refused while
     * the calls in flight get KS_MCP_SHUTDOWN_GRACE to finish. Calls still running shortly before that ends are
     * interrupted while their connections are still open, so that their clients get the answer.
     */
    void onDelay(@Observes ShutdownDelayInitiatedEvent event) {
        long began = System.nanoTime();
        shutdownBegan = began;
        Duration grace = config.shutdownGrace();
        Duration margin = grace.dividedBy(4).compareTo(Duration.ofSeconds(1)) < 0 ? grace.dividedBy(4) : Duration.ofSeconds(1);
        long at = began + shutdownDelay.plus(grace).minus(margin).toNanos();
        Thread interrupter = new Thread(() -> {
            try {
                long left = at - System.nanoTime();
                if (left > 0) {
                    Thread.sleep(left / 1_000_000);
                }
                interruptRemaining();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ks-mcp-shutdown-grace");
        interrupter.setDaemon(true);
        interrupter.start();
    }

    private void interruptRemaining() {
        int interrupted = inFlight.interruptAll();
        if (interrupted > 0) {
            LOG.warnf("%d tool call(s) still running at the end of the grace period (KS_MCP_SHUTDOWN_GRACE=%s) "
                    + "were answered and audited as interrupted", interrupted, config.shutdownGrace());
        }
    }

    /**
     * Runs once Quarkus stopped taking HTTP requests and waited for those in flight (up to KS_MCP_SHUTDOWN_GRACE).
     * Calls still running when the grace period is over (on stdio: this is where the grace period starts) are answered
     * and audited as interrupted, before the MCP server and the audit log go away.
     */
    void onStop(@Observes @Priority(10) ShutdownEvent event) {
        long began = shutdownBegan != 0 ? shutdownBegan : System.nanoTime();
        long deadline = began + shutdownDelay.toNanos() + config.shutdownGrace().toNanos();
        try {
            if (inFlight.size() > 0) {
                LOG.infof("Finishing %d tool call(s) in flight before stopping", inFlight.size());
                inFlight.awaitNone(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            }
            int running = inFlight.size();
            interruptRemaining();
            if (running > 0) {
                Thread.sleep(300); // lets those answers reach their clients before the connections close
            }
        } catch (InterruptedException e) {
            inFlight.interruptAll();
            Thread.currentThread().interrupt();
        }
        McpAsyncServer running = server;
        if (running != null) {
            running.closeGracefully().onErrorResume(e -> Mono.empty()).block(Duration.ofSeconds(3));
        }
    }

    /** The streamable-HTTP transport; null unless the server runs with KS_MCP_TRANSPORT=http. */
    public HttpServletStreamableServerTransportProvider httpTransport() {
        return http;
    }

    private synchronized void http() {
        if (http != null) {
            return;
        }
        HttpServletStreamableServerTransportProvider provider = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(json)
                .mcpEndpoint("/mcp")
                .securityValidator(guard)
                .contextExtractor(CallerCredentials::context)
                // Frees the SDK's side of sessions Sessions has ended for idleness (after one to two intervals).
                .sessionSweepInterval(config.sessionIdleTimeout())
                .build();
        server = configure(McpServer.async(provider));
        http = provider;
    }

    /** Serves MCP on the given streams until the input ends (the client went away), then returns. */
    public void serveStdio(InputStream in, OutputStream out) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        StdioTraffic traffic = new StdioTraffic(json);
        InputStream watched = new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                return eof(super.read());
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return eof(super.read(b, off, len));
            }

            /*
             * The SDK closes the session as soon as it reads EOF, dropping answers still being worked on. So EOF is
             * held back until every request read has been answered: a client that sends a call (a write, say) and
             * closes stdin at once still gets it done, answered and audited, not cut off half-way.
             */
            private int eof(int n) throws IOException {
                if (n < 0) {
                    try {
                        if (!traffic.awaitAnswered(Duration.ofSeconds(30))) {
                            LOG.warnf("stdin closed; %d request(s) still unanswered after 30 s are abandoned",
                                    traffic.unanswered());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while finishing the last requests");
                    } finally {
                        closed.countDown();
                    }
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                closed.countDown();
                super.close();
            }
        };
        server = configure(McpServer.async(new StdioServerTransportProvider(traffic, watched, out)));
        closed.await();
    }

    private McpAsyncServer configure(McpServer.AsyncSpecification<?> spec) {
        return spec.serverInfo(ServerIdentity.implementation(version))
                .instructions(INSTRUCTIONS)
                .capabilities(capabilities())
                // Both given, never looked up: the SDK's ServiceLoader defaults do not exist in a native image.
                .jsonMapper(json)
                .jsonSchemaValidator(schemas)
                // The invoker checks arguments against their records' constraints, with messages that say what to do.
                .validateToolInputs(false)
                // Elicitation waits for a person.
                .requestTimeout(Duration.ofMinutes(5))
                .tools(specifications())
                .prompts(guide.prompts())
                .completions(guide.completions())
                .resources(guide.resources())
                .resourceTemplates(guide.resourceTemplates())
                .addToolFilter((context, tool) -> Mono.just(catalog.find(tool.name())
                        .map(t -> catalog.unavailable(t).isEmpty()).orElse(false)))
                .build();
    }

    /** Declares only what has entries: a client shows an empty capability as a broken one. */
    private ServerCapabilities capabilities() {
        ServerCapabilities.Builder capabilities = ServerCapabilities.builder().tools(false).logging();
        if (!guide.prompts().isEmpty()) {
            capabilities.prompts(false).completions();
        }
        if (!guide.resources().isEmpty() || !guide.resourceTemplates().isEmpty()) {
            capabilities.resources(false, false);
        }
        return capabilities.build();
    }

    /** tools/list entries of every tool, in catalog order (the filter hides what this instance does not offer). */
    public List<AsyncToolSpecification> specifications() {
        List<AsyncToolSpecification> specs = specifications;
        if (specs == null) {
            Map<String, Map<String, Object>> published = PublishedTools.load();
            SchemaFactory generator = null;
            List<AsyncToolSpecification> built = new ArrayList<>();
            for (ToolDefinition<?, ?> tool : catalog.all()) {
                Map<String, Object> entry = published.get(tool.name());
                Map<String, Object> input;
                Map<String, Object> output;
                if (entry != null) {
                    input = PublishedTools.schema(entry, "inputSchema");
                    output = PublishedTools.schema(entry, "outputSchema");
                } else {
                    // Not published yet (a tool under development): generate, which costs start-up time.
                    generator = generator == null ? new SchemaFactory() : generator;
                    input = generator.inputSchema(tool.input());
                    output = generator.outputSchema(tool.output());
                }
                built.add(new AsyncToolSpecification(describe(tool, input, output),
                        (exchange, request) -> invoker.call(tool, exchange, request)));
            }
            specs = specifications = List.copyOf(built);
        }
        return specs;
    }

    public static McpSchema.Tool describe(ToolDefinition<?, ?> tool, Map<String, Object> input, Map<String, Object> output) {
        return McpSchema.Tool.builder()
                .name(tool.name())
                .title(tool.title())
                .description(tool.description())
                .inputSchema(input)
                .outputSchema(output)
                .annotations(new ToolAnnotations(tool.title(), tool.readOnly(), tool.destructive(), tool.idempotent(), tool.openWorld(),
                        null))
                .icons(ServerIdentity.icons(tool.toolset()))
                .build();
    }
}
