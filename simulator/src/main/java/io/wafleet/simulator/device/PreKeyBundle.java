package io.wafleet.simulator.device;

import java.util.Optional;

/** What a peer needs to start a Signal session with a device: its record (identity, signed pre-key) and maybe a one-time key. */
public record PreKeyBundle(DeviceRecord device, Optional<PreKey> oneTimePreKey) {}
