package io.wafleet.server.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.wafleet.server.registry.AccountId;
import io.wafleet.server.supervisor.AccountSnapshot;
import io.wafleet.server.supervisor.AccountState;
import io.wafleet.server.supervisor.FleetListener;
import io.wafleet.server.supervisor.Transition;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fleet as Prometheus sees it ({@code /actuator/prometheus}): accounts per state, one up gauge per account,
 * reconnects, handshake latency and QR codes issued (alerts are counted by the alert sinks). The gauges read
 * states kept here from transitions, so a scrape never takes a supervisor's lock.
 */
public final class FleetMetrics implements FleetListener {

    /** A new attempt from these states is a reconnect; from STOPPED, LOGGED_OUT or QR it is an operator's start. */
    private static final Set<AccountState> RECONNECTS_FROM =
            EnumSet.of(AccountState.CONNECTED, AccountState.DISCONNECTED, AccountState.BANNED);

    private final Map<AccountId, AccountState> states = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final Timer handshakes;
    private final Counter qrCodes;

    public FleetMetrics(MeterRegistry registry, List<AccountId> slots) {
        this.registry = registry;
        slots.forEach(slot -> states.put(slot, AccountState.STOPPED));
        for (AccountState state : AccountState.values()) {
            Gauge.builder("wafleet.accounts", states, all -> all.values().stream().filter(s -> s == state).count())
                    .tag("state", state.name())
                    .description("accounts in each state")
                    .register(registry);
        }
        for (AccountId slot : slots) {
            Gauge.builder("wafleet.account.up", states, all -> all.get(slot) == AccountState.CONNECTED ? 1 : 0)
                    .tag("account", slot.value())
                    .description("1 while the account is connected")
                    .register(registry);
        }
        handshakes = Timer.builder("wafleet.handshake")
                .description("time from the limiter letting a handshake start to login or QR")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry);
        qrCodes = Counter.builder("wafleet.qr.codes.issued").description("QR codes offered for linking").register(registry);
    }

    @Override
    public void onTransition(AccountSnapshot account, Transition transition) {
        states.put(transition.account(), transition.to());
        if (transition.to() == AccountState.CONNECTING && RECONNECTS_FROM.contains(transition.from())) {
            registry.counter("wafleet.reconnects", "account", transition.account().value()).increment();
        }
    }

    @Override
    public void onQrIssued(AccountId account) {
        qrCodes.increment();
    }

    @Override
    public void onHandshake(AccountId account, Duration took) {
        handshakes.record(took);
    }
}
