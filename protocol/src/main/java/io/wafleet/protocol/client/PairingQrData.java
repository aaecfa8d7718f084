package io.wafleet.protocol.client;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a phone learns from scanning a pairing QR: the server's ref for this pairing attempt, the
 * companion's Noise static and Signal identity public keys, the adv secret that keys the HMAC of
 * pair-success, and (when present) the companion's CompanionWebClientType.
 *
 * <p>Anyone holding these values can complete the pairing, so {@link #toString()} shows none of them.
 */
public record PairingQrData(String ref, byte[] noisePublicKey, byte[] identityPublicKey, byte[] advSecret, OptionalInt platformId) {

    public PairingQrData {
        Objects.requireNonNull(ref, "ref");
        noisePublicKey = Objects.requireNonNull(noisePublicKey, "noisePublicKey").clone();
        identityPublicKey = Objects.requireNonNull(identityPublicKey, "identityPublicKey").clone();
        advSecret = Objects.requireNonNull(advSecret, "advSecret").clone();
        Objects.requireNonNull(platformId, "platformId");
    }

    @Override
    public byte[] noisePublicKey() {
        return noisePublicKey.clone();
    }

    @Override
    public byte[] identityPublicKey() {
        return identityPublicKey.clone();
    }

    @Override
    public byte[] advSecret() {
        return advSecret.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PairingQrData that
                && ref.equals(that.ref)
                && Arrays.equals(noisePublicKey, that.noisePublicKey)
                && Arrays.equals(identityPublicKey, that.identityPublicKey)
                && Arrays.equals(advSecret, that.advSecret)
                && platformId.equals(that.platformId);
    }

    @Override
    public int hashCode() {
        int result = ref.hashCode();
        result = 31 * result + Arrays.hashCode(noisePublicKey);
        result = 31 * result + Arrays.hashCode(identityPublicKey);
        result = 31 * result + Arrays.hashCode(advSecret);
        return 31 * result + platformId.hashCode();
    }

    @Override
    public String toString() {
        return "PairingQrData[ref=<redacted>, keys=<redacted>, platformId="
                + (platformId.isPresent() ? Integer.toString(platformId.getAsInt()) : "absent") + "]";
    }
}
