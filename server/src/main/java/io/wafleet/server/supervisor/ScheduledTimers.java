package io.wafleet.server.supervisor;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** {@link Timers} over the one shared {@link ScheduledExecutorService}. */
public final class ScheduledTimers implements Timers {

    private final ScheduledExecutorService scheduler;

    public ScheduledTimers(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        var future = scheduler.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }
}
