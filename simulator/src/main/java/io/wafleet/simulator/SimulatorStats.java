package io.wafleet.simulator;

/**
 * Counters a test or benchmark reads. All are totals since start except {@code liveConnections} (logged-in
 * connections now) and {@code maxLiveConnectionsPerDevice} (the most simultaneous logged-in connections any
 * one device ever had: 1 for a well-behaved client, 2 or more when a client opened a second socket for the
 * same credentials).
 *
 * @param connections      WebSocket connections accepted
 * @param handshakes       Noise handshakes completed (ClientFinish read and authenticated)
 * @param logins           {@code <success>} sent
 * @param loginFailures    {@code <failure>} sent at login (unknown, removed or banned device)
 * @param qrIssued    QR refs sent in {@code pair-device} (six per registration)
 * @param pairings         devices linked (pair-device-sign verified)
 * @param streamErrorsSent {@code <stream:error>} stanzas sent, including the 515 after pairing
 * @param messagesRouted   message copies (one per recipient device) delivered, queued, or handed to a
 *                         simulated primary device
 * @param messagesQueued   copies queued for a device that was not connected
 * @param queuedMessagesDropped copies lost because a device's offline queue was full (oldest first)
 * @param offlineMessagesDelivered queued copies delivered at a login
 * @param messagesRejected messages refused with an error ack (bad device identity, malformed)
 * @param messagesUndeliverable copies addressed to no known device
 * @param receiptsRouted   receipts forwarded to the sender of the message
 * @param retryReceipts    {@code <receipt type='retry'>} received: a recipient failed to decrypt
 * @param decryptFailures  copies a simulated primary device (contact or phone) failed to decrypt
 */
public record SimulatorStats(
        long connections,
        long handshakes,
        long logins,
        long loginFailures,
        long qrIssued,
        long pairings,
        long streamErrorsSent,
        int liveConnections,
        int maxLiveConnectionsPerDevice,
        long messagesRouted,
        long messagesQueued,
        long queuedMessagesDropped,
        long offlineMessagesDelivered,
        long messagesRejected,
        long messagesUndeliverable,
        long receiptsRouted,
        long retryReceipts,
        long decryptFailures) {}
