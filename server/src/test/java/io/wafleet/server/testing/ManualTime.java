package io.wafleet.server.testing;

import io.wafleet.server.supervisor.Timers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock and timers that move only when the test says so; due timers run in time order on the test thread. */
public final class ManualTime extends Clock implements Timers {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final List<Entry> pending = new ArrayList<>();
    private long sequence;

    private final class Entry implements Timer {
        final Instant due;
        final long order = sequence++;
        final Runnable task;
        boolean cancelled;

        Entry(Instant due, Runnable task) {
            this.due = due;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public synchronized Timer schedule(Duration delay, Runnable task) {
        Entry entry = new Entry(now.plus(delay.isNegative() ? Duration.ZERO : delay), task);
        pending.add(entry);
        return entry;
    }

    /** Moves time forward by {@code step}, running every timer that falls due on the way. */
    public void advance(Duration step) {
        Instant target = now.plus(step);
        while (true) {
            Entry next;
            synchronized (this) {
                next = pending.stream().filter(e -> !e.cancelled && !e.due.isAfter(target))
                        .min(Comparator.comparing((Entry e) -> e.due).thenComparingLong(e -> e.order)).orElse(null);
                if (next == null) {
                    now = target;
                    pending.removeIf(e -> e.cancelled);
                    return;
                }
                pending.remove(next);
                if (next.due.isAfter(now)) {
                    now = next.due;
                }
            }
            next.task.run();
        }
    }

    public synchronized long activeTimers() {
        return pending.stream().filter(e -> !e.cancelled).count();
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("ManualTime is UTC only");
    }
}
