package io.wafleet.protocol.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Requests awaiting a reply, matched by id. Every request has a deadline, the number in flight is capped, and
 * closing fails whatever is still waiting, so nothing here grows without bound or waits forever.
 */
final class PendingRequests<T> {
    private final Map<String, Waiter<T>> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers;
    private final int capacity;
    private volatile Throwable closedBecause;

    PendingRequests(ScheduledExecutorService timers, int capacity) {
        this.timers = timers;
        this.capacity = capacity;
    }

    /** Registers {@code id} before the request is sent; the future fails on timeout, on overflow and on close. */
    CompletableFuture<T> register(String id, Duration timeout) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Throwable closed = closedBecause;
        if (closed != null) {
            future.completeExceptionally(closed);
            return future;
        }
        if (waiting.size() >= capacity) {
            future.completeExceptionally(new IllegalStateException("too many requests in flight (" + capacity + ")"));
            return future;
        }
        ScheduledFuture<?> timer = timers.schedule(
                () -> fail(id, new TimeoutException("no reply to " + id + " within " + timeout)),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (waiting.putIfAbsent(id, new Waiter<>(future, timer)) != null) {
            timer.cancel(false);
            future.completeExceptionally(new IllegalStateException("duplicate request id " + id));
        }
        return future;
    }

    /** Completes the request with this id; returns false when nobody was waiting (late or unsolicited reply). */
    boolean complete(String id, T reply) {
        Waiter<T> waiter = waiting.remove(id);
        if (waiter == null) {
            return false;
        }
        waiter.timer.cancel(false);
        waiter.future.complete(reply);
        return true;
    }

    /** Fails everything still waiting and every later registration. */
    void close(Throwable cause) {
        closedBecause = cause;
        for (String id : waiting.keySet()) {
            fail(id, cause);
        }
    }

    int size() {
        return waiting.size();
    }

    private void fail(String id, Throwable cause) {
        Waiter<T> waiter = waiting.remove(id);
        if (waiter != null) {
            waiter.timer.cancel(false);
            waiter.future.completeExceptionally(cause);
        }
    }

    private record Waiter<T>(CompletableFuture<T> future, ScheduledFuture<?> timer) {}
}
