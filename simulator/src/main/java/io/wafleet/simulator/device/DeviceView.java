package io.wafleet.simulator.device;

import io.wafleet.protocol.jid.Jid;
import java.time.Instant;
import java.util.Optional;

/** A device as tests and the control API see it: its identity, liveness and standing. */
public record DeviceView(
        Jid jid,
        Jid lid,
        String phone,
        boolean connected,
        int liveConnections,
        int maxLiveConnections,
        Optional<Instant> lastLoginAt,
        boolean removed,
        Optional<Ban> ban) {}
