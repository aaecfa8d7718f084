package io.wafleet.server.supervisor;

import java.time.Duration;

/**
 * One-shot timers for every supervisor, backed by one shared scheduler in production (no thread per account)
 * and by a hand-driven clock in tests.
 */
public interface Timers {

    /** Runs {@code task} once after {@code delay}; the task must not block (hand blocking work to an executor). */
    Timer schedule(Duration delay, Runnable task);

    /** A scheduled task that has not run yet can be cancelled; cancelling a finished one does nothing. */
    interface Timer {
        void cancel();
    }
}
