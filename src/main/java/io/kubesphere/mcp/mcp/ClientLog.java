package io.kubesphere.mcp.mcp;

import io.kubesphere.mcp.kubesphere.UpstreamCall;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * notifications/message for the client (the logging capability), at or above the level it set with logging/setLevel
 * (the SDK filters per session): re-logins and retries after KubeSphere rejected a token, policy refusals and
 * failures. Only what the caller already sees in the tool result or sent itself; never tokens or arguments.
 */
final class ClientLog {

    static final String LOGGER = "kubesphere-mcp";

    private ClientLog() {
    }

    static List<LoggingMessageNotification> messages(String tool, List<UpstreamCall> calls, String outcome,
            String error) {
        List<LoggingMessageNotification> messages = new ArrayList<>();
        for (UpstreamCall call : calls) {
            if (call.status() == 401) {
                messages.add(LoggingMessageNotification.builder(LoggingLevel.INFO, "KubeSphere rejected the access "
                        + "token on " + call.method() + " " + call.path() + "; renewed the login and retried once")
                        .logger(LOGGER).build());
            }
        }
        switch (outcome) {
            case "refused" -> messages.add(LoggingMessageNotification.builder(LoggingLevel.WARNING,
                    tool + " refused by policy: " + error).logger(LOGGER).build());
            case "error" -> messages.add(LoggingMessageNotification.builder(LoggingLevel.ERROR,
                    tool + " failed: " + error).logger(LOGGER).build());
            default -> { }
        }
        return messages;
    }

    /** Sends the messages of one tools/call before its result; a client that is gone does not fail the call. */
    static Uni<Void> afterCall(McpAsyncServerExchange exchange, String tool, List<UpstreamCall> calls, String outcome,
            String error) {
        if (exchange == null) {
            return Uni.createFrom().voidItem();
        }
        List<LoggingMessageNotification> messages = messages(tool, calls, outcome, error);
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(() -> reactor.core.publisher.Flux.fromIterable(messages)
                        .concatMap(exchange::loggingNotification)
                        .then().timeout(Duration.ofSeconds(5)).onErrorResume(e -> reactor.core.publisher.Mono.empty())
                        .toFuture())
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
