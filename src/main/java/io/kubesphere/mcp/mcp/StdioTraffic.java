package io.kubesphere.mcp.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JSON mapper of the stdio transport, counting the client's requests as they are read and our responses as they
 * are written. A client may close stdin right after sending a call (a write, say) and still read stdout: on EOF the
 * server waits until every request read has its answer, so that nothing is cut off half-done or unaudited by the
 * shutdown.
 */
final class StdioTraffic extends ForwardingJsonMapper {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong responses = new AtomicLong();

    StdioTraffic(McpJsonMapper delegate) {
        super(delegate);
    }

    /** True when every request read so far has been answered; false if the limit passed first. */
    boolean awaitAnswered(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (responses.get() < requests.get()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    long unanswered() {
        return requests.get() - responses.get();
    }

    @Override
    public <T> T convertValue(Object fromValue, Class<T> type) {
        T value = delegate.convertValue(fromValue, type);
        // The transport turns each incoming line into a request, a response (to our elicitation) or a notification.
        if (type == McpSchema.JSONRPCRequest.class) {
            requests.incrementAndGet();
        }
        return value;
    }

    @Override
    public String writeValueAsString(Object value) throws IOException {
        String text = delegate.writeValueAsString(value);
        if (value instanceof McpSchema.JSONRPCResponse) {
            responses.incrementAndGet();
        }
        return text;
    }

    @Override
    public byte[] writeValueAsBytes(Object value) throws IOException {
        byte[] bytes = delegate.writeValueAsBytes(value);
        if (value instanceof McpSchema.JSONRPCResponse) {
            responses.incrementAndGet();
        }
        return bytes;
    }

}
