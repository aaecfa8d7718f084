package io.wafleet.simulator.device;

import io.wafleet.protocol.jid.Jid;
import java.time.Instant;
import java.util.Optional;

/**
 * A device as tests and the control API see it: its identity, liveness and standing. {@code replacedCount} counts
 * the connections closed because a newer one logged in with this device (0 for a well-behaved fleet).
 */
public record DeviceView(
        Jid jid,
        Jid lid,
        String phone,
        boolean connected,
        int liveConnections,
        int maxLiveConnections,
        int replacedCount,
        Optional<Instant> lastLoginAt,
        boolean removed,
        Optional<Ban> ban) {}
