package io.wafleet.server.supervisor;

import io.wafleet.server.connector.AccountConnector;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What every supervisor of the fleet shares: the connector, the handshake gate, the one timer scheduler, the
 * executor that runs blocking connector calls, the clock, the backoff and the listener.
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
        CredentialsArchive archive) {

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
    }
}
