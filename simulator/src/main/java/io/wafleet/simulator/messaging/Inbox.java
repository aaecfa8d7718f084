package io.wafleet.simulator.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** The texts a simulated device received, in arrival order, with a cursor for tests that wait for the next one. */
final class Inbox {
    private final List<ReceivedMessage> messages = new ArrayList<>();
    private int taken;

    synchronized void add(ReceivedMessage message) {
        messages.add(message);
        notifyAll();
    }

    synchronized List<ReceivedMessage> all() {
        return List.copyOf(messages);
    }

    /** The next message not returned by this method before, waiting up to {@code timeout} for it. */
    synchronized ReceivedMessage next(Duration timeout) throws TimeoutException, InterruptedException {
        awaitSize(taken + 1, timeout);
        return messages.get(taken++);
    }

    /** The first {@code count} messages, waiting up to {@code timeout} until that many arrived. */
    synchronized List<ReceivedMessage> first(int count, Duration timeout) throws TimeoutException, InterruptedException {
        awaitSize(count, timeout);
        return List.copyOf(messages.subList(0, count));
    }

    private void awaitSize(int size, Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messages.size() < size) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("received " + messages.size() + " messages, waited for " + size);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
