package io.wafleet.simulator;

import java.util.concurrent.atomic.LongAdder;

/** The running totals behind {@link SimulatorStats}; incremented from any connection's thread. */
public final class Counters {
    final LongAdder connections = new LongAdder();
    final LongAdder handshakes = new LongAdder();
    final LongAdder logins = new LongAdder();
    final LongAdder loginFailures = new LongAdder();
    final LongAdder qrCodesIssued = new LongAdder();
    final LongAdder pairings = new LongAdder();
    final LongAdder streamErrorsSent = new LongAdder();

    public void connectionAccepted() {
        connections.increment();
    }

    public void handshakeCompleted() {
        handshakes.increment();
    }

    public void loginSucceeded() {
        logins.increment();
    }

    public void loginFailed() {
        loginFailures.increment();
    }

    public void qrCodesIssued(int count) {
        qrCodesIssued.add(count);
    }

    public void devicePaired() {
        pairings.increment();
    }

    public void streamErrorSent() {
        streamErrorsSent.increment();
    }

    SimulatorStats snapshot(int liveConnections, int maxLiveConnectionsPerDevice) {
        return new SimulatorStats(connections.sum(), handshakes.sum(), logins.sum(), loginFailures.sum(),
                qrCodesIssued.sum(), pairings.sum(), streamErrorsSent.sum(), liveConnections,
                maxLiveConnectionsPerDevice);
    }
}
