package io.wafleet.server.supervisor;

import io.wafleet.server.registry.AccountId;

import java.time.Duration;

/**
 * Receives what supervisors do. Called while the supervisor holds its lock, so implementations must return
 * quickly and never block (queue the work): SSE, metrics, alerts and the outage detector all listen here.
 */
public interface FleetListener {

    void onTransition(AccountSnapshot account, Transition transition);

    /** Something changed that is not a state change (a new QR ref, a display name). */
    default void onUpdate(AccountSnapshot account) {
    }

    default void onQrIssued(AccountId account) {
    }

    /** A handshake finished (logged in or QR offered), {@code took} after the limiter let it start. */
    default void onHandshake(AccountId account, Duration took) {
    }
}
