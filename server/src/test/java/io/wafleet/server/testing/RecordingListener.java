package io.wafleet.server.testing;

import io.wafleet.server.registry.AccountId;
import io.wafleet.server.supervisor.AccountSnapshot;
import io.wafleet.server.supervisor.FleetListener;
import io.wafleet.server.supervisor.Transition;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every transition, QR and handshake it hears about. */
public final class RecordingListener implements FleetListener {

    public final List<Transition> transitions = new CopyOnWriteArrayList<>();
    public final List<AccountId> qrIssued = new CopyOnWriteArrayList<>();
    public final List<Duration> handshakes = new CopyOnWriteArrayList<>();

    @Override
    public void onTransition(AccountSnapshot account, Transition transition) {
        transitions.add(transition);
    }

    @Override
    public void onQrIssued(AccountId account) {
        qrIssued.add(account);
    }

    @Override
    public void onHandshake(AccountId account, Duration took) {
        handshakes.add(took);
    }
}
