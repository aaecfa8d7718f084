package io.wafleet.server.supervisor;

import io.wafleet.server.connector.AccountConnector;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What every supervisor of the fleet shares: the connector, the handshake gate, the one timer scheduler, the
 * executor that runs blocking connector calls, the clock, the backoff, the listener, and who owns which account.
 */
public record SupervisorContext(
        AccountConnector connector,
        ConnectionGate gate,
        Timers timers,
        Executor executor,
        Clock clock,
        Backoff backoff,
        SupervisorSettings settings,
        FleetListener listener,
        CredentialsArchive archive,
        Ownership ownership) {

    public SupervisorContext {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(ownership, "ownership");
    }

    /** A fleet on the volume alone: it owns every slot. */
    public SupervisorContext(AccountConnector connector, ConnectionGate gate, Timers timers, Executor executor, Clock clock,
                             Backoff backoff, SupervisorSettings settings, FleetListener listener, CredentialsArchive archive) {
        this(connector, gate, timers, executor, clock, backoff, settings, listener, archive, Ownership.SOLE);
    }
}
