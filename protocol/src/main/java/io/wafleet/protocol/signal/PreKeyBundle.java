package io.wafleet.protocol.signal;

import io.wafleet.protocol.crypto.XEdDsa;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A peer device's published keys, as the server returns them for a session to be built: registration id,
 * identity key, signed pre-key with its signature and, when the server still had one, a one-time pre-key.
 * Keys are raw 32-byte Curve25519 keys.
 */
public record PreKeyBundle(
        int registrationId,
        int deviceId,
        byte[] identityKey,
        int signedPreKeyId,
        byte[] signedPreKey,
        byte[] signedPreKeySignature,
        Optional<OneTimeKey> oneTimePreKey) {

    /** The public half of a peer's one-time pre-key and its id. */
    public record OneTimeKey(int id, byte[] publicKey) {
        public OneTimeKey {
            PreKeyIds.requireValid(id, "pre-key id");
            publicKey = PublicKeys.requireRaw(publicKey, "one-time pre-key");
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof OneTimeKey other && id == other.id && Arrays.equals(publicKey, other.publicKey);
        }

        @Override
        public int hashCode() {
            return 31 * id + Arrays.hashCode(publicKey);
        }

        @Override
        public String toString() {
            return "OneTimeKey[id=" + id + ", " + HexFormat.of().formatHex(publicKey) + "]";
        }
    }

    public PreKeyBundle {
        if (registrationId < 0 || deviceId < 0) {
            throw new IllegalArgumentException("registration and device ids are not negative");
        }
        identityKey = PublicKeys.requireRaw(identityKey, "identity key");
        PreKeyIds.requireValid(signedPreKeyId, "signed pre-key id");
        signedPreKey = PublicKeys.requireRaw(signedPreKey, "signed pre-key");
        if (signedPreKeySignature.length != XEdDsa.SIGNATURE_BYTES) {
            throw new IllegalArgumentException("a signed pre-key signature is 64 bytes, got " + signedPreKeySignature.length);
        }
        signedPreKeySignature = signedPreKeySignature.clone();
        Objects.requireNonNull(oneTimePreKey, "oneTimePreKey");
    }

    /**
     * True when the identity key signed {@code 05 ‖ signed pre-key}. libsignal-node skips this check; we build
     * no session on a bundle that fails it, since a forged signed pre-key is how a server would insert itself.
     */
    public boolean hasValidSignature() {
        return XEdDsa.verify(identityKey, PublicKeys.encode(signedPreKey), signedPreKeySignature);
    }

    @Override
    public byte[] identityKey() {
        return identityKey.clone();
    }

    @Override
    public byte[] signedPreKey() {
        return signedPreKey.clone();
    }

    @Override
    public byte[] signedPreKeySignature() {
        return signedPreKeySignature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PreKeyBundle other
                && registrationId == other.registrationId
                && deviceId == other.deviceId
                && Arrays.equals(identityKey, other.identityKey)
                && signedPreKeyId == other.signedPreKeyId
                && Arrays.equals(signedPreKey, other.signedPreKey)
                && Arrays.equals(signedPreKeySignature, other.signedPreKeySignature)
                && oneTimePreKey.equals(other.oneTimePreKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(registrationId, deviceId, Arrays.hashCode(identityKey), signedPreKeyId);
    }

    @Override
    public String toString() {
        return "PreKeyBundle[registrationId=" + registrationId + ", deviceId=" + deviceId
                + ", identityKey=" + HexFormat.of().formatHex(identityKey) + ", signedPreKeyId=" + signedPreKeyId
                + ", oneTimePreKey=" + oneTimePreKey.map(k -> Integer.toString(k.id())).orElse("none") + "]";
    }
}
