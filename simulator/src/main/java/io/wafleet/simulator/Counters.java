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
    final LongAdder messagesRouted = new LongAdder();
    final LongAdder messagesQueued = new LongAdder();
    final LongAdder queuedMessagesDropped = new LongAdder();
    final LongAdder offlineMessagesDelivered = new LongAdder();
    final LongAdder messagesRejected = new LongAdder();
    final LongAdder messagesUndeliverable = new LongAdder();
    final LongAdder receiptsRouted = new LongAdder();
    final LongAdder retryReceipts = new LongAdder();
    final LongAdder decryptFailures = new LongAdder();

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

    /** One device copy handed to a connection, queued, or handed to a simulated primary device. */
    public void messageRouted() {
        messagesRouted.increment();
    }

    public void messageQueued() {
        messagesQueued.increment();
    }

    /** A full offline queue lost its oldest message to make room. */
    public void queuedMessageDropped() {
        queuedMessagesDropped.increment();
    }

    public void offlineMessagesDelivered(int count) {
        offlineMessagesDelivered.add(count);
    }

    /** A message refused with an error ack (e.g. a pkmsg whose device identity does not verify). */
    public void messageRejected() {
        messagesRejected.increment();
    }

    /** A copy addressed to a device that does not exist (or was removed). */
    public void messageUndeliverable() {
        messagesUndeliverable.increment();
    }

    public void receiptRouted() {
        receiptsRouted.increment();
    }

    /** A {@code <receipt type='retry'>}: a recipient could not decrypt; none are expected in a steady state. */
    public void retryReceiptReceived() {
        retryReceipts.increment();
    }

    /** A simulated primary device could not decrypt a copy addressed to it. */
    public void decryptFailed() {
        decryptFailures.increment();
    }

    SimulatorStats snapshot(int liveConnections, int maxLiveConnectionsPerDevice) {
        return new SimulatorStats(connections.sum(), handshakes.sum(), logins.sum(), loginFailures.sum(),
                qrCodesIssued.sum(), pairings.sum(), streamErrorsSent.sum(), liveConnections,
                maxLiveConnectionsPerDevice, messagesRouted.sum(), messagesQueued.sum(), queuedMessagesDropped.sum(),
                offlineMessagesDelivered.sum(), messagesRejected.sum(), messagesUndeliverable.sum(), receiptsRouted.sum(),
                retryReceipts.sum(), decryptFailures.sum());
    }
}
