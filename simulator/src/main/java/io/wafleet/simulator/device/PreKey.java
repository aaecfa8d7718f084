package io.wafleet.simulator.device;

/** A one-time pre-key a device uploaded: 3-byte id on the wire, 32-byte Curve25519 public key. */
public record PreKey(int id, byte[] publicKey) {
    public PreKey {
        publicKey = publicKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }
}
