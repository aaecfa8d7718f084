package io.wafleet.simulator.device;

/** A device's signed pre-key: id, 32-byte public key, XEdDSA signature by the identity key over {@code 05 ‖ key}. */
public record SignedPreKey(int id, byte[] publicKey, byte[] signature) {
    public SignedPreKey {
        publicKey = publicKey.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
