package io.wafleet.server;

import io.wafleet.server.api.EventStream;
import io.wafleet.server.config.FleetSettings;
import io.wafleet.server.connector.AccountConnector;
import io.wafleet.server.ops.SelfWatch;
import io.wafleet.server.registry.AccountId;
import io.wafleet.server.registry.BootReport;
import io.wafleet.server.registry.BootScan;
import io.wafleet.server.registry.Fleet;
import io.wafleet.server.registry.FleetCoordinator;
import io.wafleet.server.storage.SessionsVolume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Brings the fleet up once the web server listens (boot scan, the start line, restore through the gate, the
 * self-watch) and down first thing at shutdown, right after the event streams: every socket closed and every
 * store durable before the web server drains and the volume lock is released.
 */
@Component
public class FleetLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FleetLifecycle.class);

    private final FleetSettings settings;
    private final SessionsVolume volume;
    private final AccountConnector connector;
    private final Fleet fleet;
    private final SelfWatch selfWatch;
    private final EventStream events;
    private final FleetThreads threads;
    private final FleetCoordinator coordinator;
    private final ScheduledExecutorService scheduler;
    private volatile boolean running;
    private List<ScheduledFuture<?>> periodic = List.of();
    private Thread watchdog;

    public FleetLifecycle(FleetSettings settings, SessionsVolume volume, AccountConnector connector, Fleet fleet,
                          SelfWatch selfWatch, EventStream events, FleetThreads threads, FleetCoordinator coordinator) {
        this.settings = settings;
        this.volume = volume;
        this.connector = connector;
        this.fleet = fleet;
        this.selfWatch = selfWatch;
        this.events = events;
        this.threads = threads;
        this.coordinator = coordinator;
        this.scheduler = threads.scheduler();
    }

    @Override
    public void start() {
        BootReport report = BootScan.scan(volume.root(), settings.accounts(), volume::accountDirectory, connector);
        log.info(startLine(report));
        settings.trustedRootKeyHex().ifPresent(key -> log.warn(
                "WA_TRUSTED_ROOT_KEY is set: certificates signed by a non-WhatsApp root key are trusted (simulator only, never in production)"));
        if (!report.foreign().isEmpty()) {
            log.warn("slots holding another client's session, left untouched until imported: {}", report.foreign());
        }
        if (!report.unknown().isEmpty()) {
            log.warn("entries under {} that are not wa-fleet slots, left untouched: {}", volume.root(), report.unknown());
        }
        long interval = SelfWatch.INTERVAL.toMillis();
        periodic = List.of(
                scheduler.scheduleAtFixedRate(selfWatch::tick, interval, interval, TimeUnit.MILLISECONDS),
                scheduler.scheduleAtFixedRate(events::heartbeat, 15, 15, TimeUnit.SECONDS));
        watchdog = Thread.ofPlatform().name("wa-fleet-watchdog").daemon(true).start(this::watch);
        // Off the start thread, so /health answers at once: the current WhatsApp Web version first (a stale one
        // earns every login a 405), then the restore, paced by the handshake gate.
        threads.executor().execute(() -> {
            connector.refreshClientVersion();
            coordinator.start(report);
        });
        running = true;
    }

    private String startLine(BootReport report) {
        List<AccountId> slots = settings.accounts();
        String token = settings.adminToken().generated()
                ? ", demo admin token " + settings.adminToken().reveal() + " (generated, shown once)"
                : "";
        return "wa-fleet started: " + slots.size() + " slots (" + slots.getFirst() + ".." + slots.getLast() + ")"
                + ", sessions " + volume.root() + " (from " + volume.location().source() + ")"
                + ", client " + connector.description()
                + ", restoring " + report.withCredentials().size() + ", unlinked " + report.empty().size()
                + ", foreign " + report.foreign().size() + ", unknown " + report.unknown().size()
                + ", handshakes " + settings.tuning().handshakesInFlight() + " in flight / " + settings.tuning().handshakesPerSecond() + " per s"
                + ", coordination " + coordinator.description()
                + ", alerts " + (settings.alertWebhook().isPresent() ? "webhook" : "log only")
                + (settings.demo() ? ", DEMO MODE" : "") + token;
    }

    private void watch() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(SelfWatch.INTERVAL);
                selfWatch.checkHeartbeat();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        periodic.forEach(f -> f.cancel(false));
        if (watchdog != null) {
            watchdog.interrupt();
        }
        long started = System.nanoTime();
        fleet.shutdown();
        coordinator.stop();
        log.info("fleet stopped: {} sockets closed, stores durable, in {} ms", fleet.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }
}
