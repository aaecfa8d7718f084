package io.wafleet.simulator.device;

import io.wafleet.protocol.crypto.KeyPair;
import java.util.List;

/** What survives a restart of the simulator: the root key clients pin, the phones and their linked devices. */
public record SimulatorState(KeyPair rootKey, List<PhoneAccount> phones, List<DeviceRecord> devices) {
    public SimulatorState {
        phones = List.copyOf(phones);
        devices = List.copyOf(devices);
    }
}
