package io.kubesphere.mcp.mcp;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tool calls being worked on. When the server stops, those still running at the end of the grace period are
 * interrupted: each is answered and audited as interrupted (KubeSphere may or may not have applied it), instead of
 * vanishing with the process. After that no new call starts.
 */
@ApplicationScoped
public class InFlightCalls {

    private final Map<Long, Runnable> interrupts = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean closed;

    /** Registers a call; {@code interrupt} answers and audits it as interrupted. Returns -1 once the server stops. */
    long start(Runnable interrupt) {
        if (closed) {
            return -1;
        }
        long id = ids.incrementAndGet();
        interrupts.put(id, interrupt);
        return id;
    }

    void finish(long id) {
        if (interrupts.remove(id) != null) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    public int size() {
        return interrupts.size();
    }

    /** Waits until no call is running or the timeout passes; whether none is running. */
    public synchronized boolean awaitNone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!interrupts.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Refuses new calls from now on and interrupts every call still running; how many there were. */
    public int interruptAll() {
        closed = true;
        int interrupted = 0;
        for (Long id : interrupts.keySet()) {
            Runnable interrupt = interrupts.remove(id);
            if (interrupt != null) {
                interrupt.run();
                interrupted++;
            }
        }
        return interrupted;
    }

    public boolean closed() {
        return closed;
    }
}
