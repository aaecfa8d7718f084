package io.wafleet.simulator.client;

import io.wafleet.protocol.client.ClientEvent;
import io.wafleet.protocol.client.ClientListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects a client's events so a test can wait for the next one of a given type. */
final class EventRecorder implements ClientListener {
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(15);

    private final BlockingQueue<ClientEvent> queue = new LinkedBlockingQueue<>();
    private final List<ClientEvent> seen = new ArrayList<>();

    @Override
    public void onEvent(ClientEvent event) {
        queue.add(event);
    }

    /** Waits for the next event of {@code type}, skipping others; fails with everything seen on timeout. */
    <T extends ClientEvent> T next(Class<T> type) {
        return next(type, DEFAULT_WAIT);
    }

    <T extends ClientEvent> T next(Class<T> type, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                ClientEvent event = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
                if (event == null) {
                    throw new AssertionError("no " + type.getSimpleName() + " within " + wait + "; events so far: " + seen);
                }
                seen.add(event);
                if (type.isInstance(event)) {
                    return type.cast(event);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Every event received so far, including ones {@link #next} skipped. */
    List<ClientEvent> all() {
        List<ClientEvent> all = new ArrayList<>(seen);
        all.addAll(queue);
        return all;
    }
}
