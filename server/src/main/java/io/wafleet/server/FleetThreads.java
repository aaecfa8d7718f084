package io.wafleet.server;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The fleet's threads, all of them: one daemon scheduler thread for every timer (never one per account) and
 * virtual threads for blocking work (opening sockets, closing stores). Kept in one holder rather than as
 * {@code Executor} beans, so Spring Boot's own task executor stays as it is.
 */
public final class FleetThreads implements AutoCloseable {

    private final ScheduledExecutorService scheduler;
    private final ExecutorService executor;

    public FleetThreads() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("wa-fleet-timers").daemon(true).factory());
        timers.setRemoveOnCancelPolicy(true); // cancelled backoff timers must not pile up for minutes
        this.scheduler = timers;
        this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("wa-fleet-", 0).factory());
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    public ExecutorService executor() {
        return executor;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        executor.shutdownNow();
    }
}
