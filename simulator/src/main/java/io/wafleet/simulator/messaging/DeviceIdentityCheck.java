package io.wafleet.simulator.messaging;

import static io.wafleet.protocol.crypto.Bytes.concat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.wafleet.protocol.proto.ADVDeviceIdentity;
import io.wafleet.protocol.proto.ADVSignedDeviceIdentity;
import io.wafleet.simulator.crypto.IndependentSignatureVerifier;
import io.wafleet.simulator.device.DeviceRecord;
import java.security.MessageDigest;

/**
 * Checks the {@code <device-identity>} a companion attaches to a message carrying a pkmsg (protocol.md §8.3):
 * recipients start sessions with it, so it must be the identity its phone signed for this very device. Both
 * signatures are verified with the independent verifier, since Baileys verifies none.
 */
final class DeviceIdentityCheck {
    private static final byte[] ACCOUNT_SIGNATURE_PREFIX = {6, 0};
    private static final byte[] DEVICE_SIGNATURE_PREFIX = {6, 1};

    private DeviceIdentityCheck() {}

    static boolean isValid(byte[] encoded, DeviceRecord sender, byte[] accountIdentityKey) {
        try {
            ADVSignedDeviceIdentity identity = ADVSignedDeviceIdentity.parseFrom(encoded);
            byte[] details = identity.getDetails().toByteArray();
            ADVDeviceIdentity parsed = ADVDeviceIdentity.parseFrom(details);
            byte[] deviceKey = sender.identityKey();
            boolean sameAccount = !identity.hasAccountSignatureKey()
                    || MessageDigest.isEqual(identity.getAccountSignatureKey().toByteArray(), accountIdentityKey);
            return sameAccount
                    && parsed.getKeyIndex() == sender.keyIndex()
                    && IndependentSignatureVerifier.verify(accountIdentityKey,
                            concat(ACCOUNT_SIGNATURE_PREFIX, details, deviceKey), identity.getAccountSignature().toByteArray())
                    && IndependentSignatureVerifier.verify(deviceKey,
                            concat(DEVICE_SIGNATURE_PREFIX, details, deviceKey, accountIdentityKey),
                            identity.getDeviceSignature().toByteArray());
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }
}
