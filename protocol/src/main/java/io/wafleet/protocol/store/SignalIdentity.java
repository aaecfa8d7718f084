package io.wafleet.protocol.store;

import io.wafleet.protocol.jid.JidMasking;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A peer identity key learnt at pairing (our primary phone's), addressed as Signal addresses it: user JID plus
 * device id. Public material, but the JID is a phone number, so it is masked when printed.
 */
public record SignalIdentity(String jid, int deviceId, byte[] identityKey) {
    public SignalIdentity {
        Objects.requireNonNull(jid, "jid");
        if (deviceId < 0) {
            throw new IllegalArgumentException("device id must not be negative: " + deviceId);
        }
        identityKey = identityKey.clone();
    }

    @Override
    public byte[] identityKey() {
        return identityKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignalIdentity other
                && jid.equals(other.jid)
                && deviceId == other.deviceId
                && Arrays.equals(identityKey, other.identityKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jid, deviceId, Arrays.hashCode(identityKey));
    }

    @Override
    public String toString() {
        return "SignalIdentity[" + JidMasking.mask(jid) + "." + deviceId + ", key=" + HexFormat.of().formatHex(identityKey) + "]";
    }
}
