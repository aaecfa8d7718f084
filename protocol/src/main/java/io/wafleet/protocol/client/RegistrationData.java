package io.wafleet.protocol.client;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The public Signal keys a new companion registers with: its identity key and a signed pre-key.
 * Holds no private material. Keys are 32-byte Curve25519 public keys without the 0x05 type prefix;
 * the signature is the 64-byte XEdDSA signature by the identity key over {@code 0x05 ‖ signedPreKeyPublic}.
 *
 * @param registrationId the Signal registration id
 * @param signedPreKeyId sent as three bytes on the wire, so limited to 24 bits
 */
public record RegistrationData(
        int registrationId,
        byte[] identityPublicKey,
        int signedPreKeyId,
        byte[] signedPreKeyPublic,
        byte[] signedPreKeySignature) {

    static final int KEY_LENGTH = 32;
    static final int SIGNATURE_LENGTH = 64;
    static final int MAX_SIGNED_PRE_KEY_ID = 0xFF_FFFF;

    public RegistrationData {
        if (registrationId < 0) {
            throw new ClientFormatException("registration id must not be negative: " + registrationId);
        }
        if (signedPreKeyId < 0 || signedPreKeyId > MAX_SIGNED_PRE_KEY_ID) {
            throw new ClientFormatException("signed pre-key id must fit in 24 bits: " + signedPreKeyId);
        }
        identityPublicKey = copyOfLength(identityPublicKey, KEY_LENGTH, "identity public key");
        signedPreKeyPublic = copyOfLength(signedPreKeyPublic, KEY_LENGTH, "signed pre-key public key");
        signedPreKeySignature = copyOfLength(signedPreKeySignature, SIGNATURE_LENGTH, "signed pre-key signature");
    }

    @Override
    public byte[] identityPublicKey() {
        return identityPublicKey.clone();
    }

    @Override
    public byte[] signedPreKeyPublic() {
        return signedPreKeyPublic.clone();
    }

    @Override
    public byte[] signedPreKeySignature() {
        return signedPreKeySignature.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RegistrationData that
                && registrationId == that.registrationId
                && signedPreKeyId == that.signedPreKeyId
                && Arrays.equals(identityPublicKey, that.identityPublicKey)
                && Arrays.equals(signedPreKeyPublic, that.signedPreKeyPublic)
                && Arrays.equals(signedPreKeySignature, that.signedPreKeySignature);
    }

    @Override
    public int hashCode() {
        int result = Integer.hashCode(registrationId);
        result = 31 * result + Integer.hashCode(signedPreKeyId);
        result = 31 * result + Arrays.hashCode(identityPublicKey);
        result = 31 * result + Arrays.hashCode(signedPreKeyPublic);
        return 31 * result + Arrays.hashCode(signedPreKeySignature);
    }

    /** Public values only, so printing them is safe. */
    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "RegistrationData[registrationId=" + registrationId
                + ", identityPublicKey=" + hex.formatHex(identityPublicKey)
                + ", signedPreKeyId=" + signedPreKeyId
                + ", signedPreKeyPublic=" + hex.formatHex(signedPreKeyPublic) + "]";
    }

    private static byte[] copyOfLength(byte[] value, int length, String what) {
        if (value == null || value.length != length) {
            throw new ClientFormatException(what + " must be " + length + " bytes, got "
                    + (value == null ? "none" : value.length));
        }
        return value.clone();
    }
}
