package io.wafleet.server.supervisor;

import io.wafleet.server.registry.AccountId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one gate every handshake of the fleet passes, boot restore included: at most {@code maxInFlight} at once
 * and {@code perSecond} new ones per second, first come first served. It never blocks a caller: a ticket waits
 * in line and its callback runs when granted. Two fleet-wide conditions narrow it further:
 * <ul>
 *   <li>paused (after a 405, until the client version is refreshed): nothing is granted;</li>
 *   <li>probe mode (an outage took most of the fleet down): one handshake at a time until one succeeds.</li>
 * </ul>
 */
public final class ConnectionGate {

    private static final Duration WINDOW = Duration.ofSeconds(1);

    private final int maxInFlight;
    private final int perSecond;
    private final Timers timers;
    private final Clock clock;

    private final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
    private final ArrayDeque<Instant> recentGrants = new ArrayDeque<>();
    private int inFlight;
    private Optional<String> pausedFor = Optional.empty();
    private boolean probeMode;
    private boolean wakeUpScheduled;

    public ConnectionGate(int maxInFlight, int perSecond, Timers timers, Clock clock) {
        if (maxInFlight < 1 || perSecond < 1) {
            throw new IllegalArgumentException("limits must be positive: " + maxInFlight + " in flight, " + perSecond + "/s");
        }
        this.maxInFlight = maxInFlight;
        this.perSecond = perSecond;
        this.timers = timers;
        this.clock = clock;
    }

    /** A place in line for {@code account}; call {@link Ticket#whenGranted} to join the line. */
    public Ticket ticket(AccountId account) {
        return new Ticket(account);
    }

    /** Grants nothing until {@link #resume()}; tickets keep their place in line. */
    public void pause(String reason) {
        synchronized (this) {
            pausedFor = Optional.of(reason);
        }
    }

    public void resume() {
        synchronized (this) {
            pausedFor = Optional.empty();
        }
        pump();
    }

    public synchronized Optional<String> pausedFor() {
        return pausedFor;
    }

    /** Outage: let one handshake through at a time, so a dead WhatsApp is probed by one account, not thirty. */
    public void enterProbeMode() {
        synchronized (this) {
            probeMode = true;
        }
    }

    public void leaveProbeMode() {
        synchronized (this) {
            probeMode = false;
        }
        pump();
    }

    public synchronized boolean probeMode() {
        return probeMode;
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    public synchronized int waiting() {
        return waiting.size();
    }

    /** Grants as many waiting tickets as the limits allow; callbacks run outside the gate's lock. */
    private void pump() {
        List<Runnable> granted = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            while (!recentGrants.isEmpty() && !recentGrants.peekFirst().plus(WINDOW).isAfter(now)) {
                recentGrants.removeFirst();
            }
            int limit = probeMode ? 1 : maxInFlight;
            while (pausedFor.isEmpty() && !waiting.isEmpty() && inFlight < limit) {
                if (recentGrants.size() >= perSecond) {
                    scheduleWakeUp(recentGrants.peekFirst().plus(WINDOW), now);
                    break;
                }
                Ticket next = waiting.removeFirst();
                next.granted = true;
                inFlight++;
                recentGrants.addLast(now);
                granted.add(next.onGranted);
            }
        }
        granted.forEach(Runnable::run);
    }

    private void scheduleWakeUp(Instant at, Instant now) {
        if (!wakeUpScheduled) {
            wakeUpScheduled = true;
            timers.schedule(Duration.between(now, at), () -> {
                synchronized (this) {
                    wakeUpScheduled = false;
                }
                pump();
            });
        }
    }

    /** One account's claim on one handshake. Release it when the handshake ends, however it ends. */
    public final class Ticket {
        private final AccountId account;
        private Runnable onGranted = () -> { };
        private boolean granted;
        private boolean done;

        private Ticket(AccountId account) {
            this.account = account;
        }

        /** Joins the line; {@code onGranted} must not block (it runs on the thread that freed the slot). */
        public Ticket whenGranted(Runnable onGranted) {
            synchronized (ConnectionGate.this) {
                if (done || granted || waiting.contains(this)) {
                    throw new IllegalStateException("ticket of " + account + " already used");
                }
                this.onGranted = onGranted;
                waiting.addLast(this);
            }
            pump();
            return this;
        }

        /** Gives the slot back (or leaves the line). Idempotent. */
        public void release() {
            boolean freed;
            synchronized (ConnectionGate.this) {
                if (done) {
                    return;
                }
                done = true;
                freed = granted;
                if (granted) {
                    inFlight--;
                } else {
                    waiting.remove(this);
                }
            }
            if (freed) {
                pump();
            }
        }

        public AccountId account() {
            return account;
        }
    }
}
