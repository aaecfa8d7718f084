package io.wafleet.server.alerts;

import io.wafleet.server.registry.AccountId;
import io.wafleet.server.supervisor.AccountSnapshot;
import io.wafleet.server.supervisor.FleetListener;
import io.wafleet.server.supervisor.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which transitions call a human: logged out, banned, conflict, QR timeout, 405, and flapping (an account
 * that dropped {@code flapPerHour} times within an hour; one alert per account per hour at most).
 */
public final class AlertRules implements FleetListener {

    private static final Logger log = LoggerFactory.getLogger(AlertRules.class);
    private static final Duration HOUR = Duration.ofHours(1);

    private final AlertSink sink;
    private final int flapPerHour;
    private final Map<AccountId, ArrayDeque<Instant>> drops = new HashMap<>();
    private final Map<AccountId, Instant> lastFlapAlert = new HashMap<>();

    public AlertRules(AlertSink sink, int flapPerHour) {
        this.sink = sink;
        this.flapPerHour = flapPerHour;
    }

    @Override
    public void onTransition(AccountSnapshot account, Transition t) {
        alertFor(t).ifPresent(this::raise);
    }

    /** Raises a fleet-wide alert (storage) through the same sink and log line. */
    public void raise(Alert alert) {
        log.warn("ALERT {} {}: {}", alert.kind().wireName(), alert.account().map(AccountId::value).orElse("fleet"), alert.message());
        sink.send(alert);
    }

    private Optional<Alert> alertFor(Transition t) {
        String who = t.account().value();
        return switch (t.to()) {
            case LOGGED_OUT -> alert(AlertKind.LOGGED_OUT, t, who + " was logged out (" + t.reason() + "): link it again with a QR");
            case BANNED -> alert(AlertKind.BANNED, t, who + " is banned (" + t.reason() + ")");
            case CONFLICT -> alert(AlertKind.CONFLICT, t,
                    who + " was replaced by another client using the same credentials (" + t.reason() + "); it stays stopped");
            case STOPPED -> "qr-timeout".equals(t.reason())
                    ? alert(AlertKind.QR_TIMEOUT, t, who + ": nobody scanned the QR code; linking stopped")
                    : Optional.empty();
            case DISCONNECTED -> t.reason().startsWith("405")
                    ? alert(AlertKind.CLIENT_OUTDATED, t, "WhatsApp rejected the client version (405): fleet reconnects paused until it is refreshed")
                    : flapping(t);
            default -> Optional.empty();
        };
    }

    private synchronized Optional<Alert> flapping(Transition t) {
        ArrayDeque<Instant> recent = drops.computeIfAbsent(t.account(), id -> new ArrayDeque<>());
        recent.addLast(t.at());
        while (recent.peekFirst().isBefore(t.at().minus(HOUR))) {
            recent.removeFirst();
        }
        if (recent.size() > flapPerHour) {
            recent.removeFirst(); // only the last flapPerHour matter: bounded per account
        }
        Instant last = lastFlapAlert.get(t.account());
        if (recent.size() >= flapPerHour && (last == null || !last.plus(HOUR).isAfter(t.at()))) {
            lastFlapAlert.put(t.account(), t.at());
            return alert(AlertKind.FLAPPING, t, t.account() + " dropped " + recent.size() + " times within an hour (last: " + t.reason() + ")");
        }
        return Optional.empty();
    }

    private static Optional<Alert> alert(AlertKind kind, Transition t, String message) {
        return Optional.of(new Alert(kind, Optional.of(t.account()), t.reason(), t.at(), message));
    }
}
