package io.wafleet.protocol.signal;

import io.wafleet.protocol.crypto.KeyPair;
import java.util.Arrays;
import java.util.Objects;

/**
 * Our signed pre-key: its id, key pair, and our identity key's XEdDSA signature over {@code 05 ‖ public key}.
 * The Signal layer uses it to answer pre-key messages; the auth store persists the current one in the credentials.
 */
public record SignedPreKeyPair(int id, KeyPair keyPair, byte[] signature) {
    public static final int SIGNATURE_LENGTH = 64;

    public SignedPreKeyPair {
        PreKeyIds.requireValid(id, "signed pre-key id");
        Objects.requireNonNull(keyPair, "keyPair");
        if (signature.length != SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("signature must be " + SIGNATURE_LENGTH + " bytes, got " + signature.length);
        }
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedPreKeyPair other
                && id == other.id
                && keyPair.equals(other.keyPair)
                && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return 31 * id + keyPair.hashCode();
    }

    @Override
    public String toString() {
        return "SignedPreKeyPair[id=" + id + ", " + keyPair + "]";
    }
}
