package io.wafleet.protocol.store;

import io.wafleet.protocol.crypto.KeyPair;
import java.util.Arrays;
import java.util.Objects;

/** The account's current signed pre-key: its id, key pair, and the identity key's XEdDSA signature over it. */
public record SignedPreKey(int keyId, KeyPair keyPair, byte[] signature) {
    public static final int SIGNATURE_LENGTH = 64;

    public SignedPreKey {
        if (keyId < 0 || keyId > Credentials.MAX_KEY_ID) {
            throw new IllegalArgumentException("signed pre-key id out of range: " + keyId);
        }
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
        return o instanceof SignedPreKey other
                && keyId == other.keyId
                && keyPair.equals(other.keyPair)
                && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return 31 * keyId + keyPair.hashCode();
    }

    @Override
    public String toString() {
        return "SignedPreKey[keyId=" + keyId + ", " + keyPair + "]";
    }
}
