package io.wafleet.server.ops;

import io.wafleet.server.alerts.Alert;
import io.wafleet.server.alerts.AlertKind;
import io.wafleet.server.alerts.AlertRules;
import io.wafleet.server.registry.Fleet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;

/**
 * Railway looks at {@code /health} only while deploying, so the process watches itself:
 * <ul>
 *   <li>every {@link #INTERVAL} on the shared scheduler: supervisors that stopped making progress are restarted,
 *       the volume is probed (an alert when it stops taking writes), and a heartbeat is stamped;</li>
 *   <li>on its own thread: if that heartbeat goes stale the scheduler is wedged, and the process exits non-zero
 *       so the restart policy brings it back.</li>
 * </ul>
 */
public final class SelfWatch {

    private static final Logger log = LoggerFactory.getLogger(SelfWatch.class);
    public static final Duration INTERVAL = Duration.ofSeconds(30);
    static final Duration WEDGED_AFTER = Duration.ofMinutes(3);
    public static final int WEDGED_EXIT_CODE = 70;

    private final Fleet fleet;
    private final StorageHealth storage;
    private final AlertRules alerts;
    private final Executor executor;
    private final Clock clock;
    private final IntConsumer exit;
    private volatile Instant heartbeat;
    private boolean storageAlerted;

    public SelfWatch(Fleet fleet, StorageHealth storage, AlertRules alerts, Executor executor, Clock clock, IntConsumer exit) {
        this.fleet = fleet;
        this.storage = storage;
        this.alerts = alerts;
        this.executor = executor;
        this.clock = clock;
        this.exit = exit;
        this.heartbeat = clock.instant();
    }

    /** One round of the scheduled watch; must not block the scheduler, so the work goes to the executor. */
    public void tick() {
        heartbeat = clock.instant();
        executor.execute(this::inspect);
    }

    void inspect() {
        Instant now = clock.instant();
        fleet.supervisors().forEach(supervisor -> {
            if (supervisor.restartIfStuck(now)) {
                log.warn("{} made no progress: its attempt was restarted by the self-watch", supervisor.id());
            }
        });
        boolean writable = storage.writable();
        synchronized (this) {
            if (!writable && !storageAlerted) {
                storageAlerted = true;
                alerts.raise(new Alert(AlertKind.STORAGE_FAILURE, Optional.empty(), "storage-unwritable", now,
                        "the sessions volume stopped taking writes: sessions cannot be saved"));
            } else if (writable && storageAlerted) {
                storageAlerted = false;
                log.warn("the sessions volume takes writes again");
            }
        }
    }

    /** Called from the watchdog thread: a heartbeat older than {@link #WEDGED_AFTER} ends the process. */
    public boolean checkHeartbeat() {
        Duration silent = Duration.between(heartbeat, clock.instant());
        if (silent.compareTo(WEDGED_AFTER) > 0) {
            log.error("the scheduler has not run for {} s: the process is wedged; exiting with {} so it is restarted",
                    silent.toSeconds(), WEDGED_EXIT_CODE);
            exit.accept(WEDGED_EXIT_CODE);
            return false;
        }
        return true;
    }
}
