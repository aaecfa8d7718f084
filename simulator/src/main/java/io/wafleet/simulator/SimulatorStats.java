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
        int maxLiveConnectionsPerDevice) {}
