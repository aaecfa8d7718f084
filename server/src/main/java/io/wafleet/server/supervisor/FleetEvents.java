package io.wafleet.server.supervisor;

import io.wafleet.server.registry.AccountId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** Fans supervisor events out to every listener; one failing listener never breaks a supervisor or the others. */
public final class FleetEvents implements FleetListener {

    private static final Logger log = LoggerFactory.getLogger(FleetEvents.class);

    private final List<FleetListener> listeners;

    public FleetEvents(List<FleetListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void onTransition(AccountSnapshot account, Transition transition) {
        each(l -> l.onTransition(account, transition));
    }

    @Override
    public void onUpdate(AccountSnapshot account) {
        each(l -> l.onUpdate(account));
    }

    @Override
    public void onQrIssued(AccountId account) {
        each(l -> l.onQrIssued(account));
    }

    @Override
    public void onHandshake(AccountId account, Duration took) {
        each(l -> l.onHandshake(account, took));
    }

    private void each(Consumer<FleetListener> call) {
        for (FleetListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                log.error("fleet listener {} failed", listener.getClass().getSimpleName(), e);
            }
        }
    }
}
