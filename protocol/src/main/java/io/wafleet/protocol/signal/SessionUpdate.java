package io.wafleet.protocol.signal;

import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything one successful Signal operation changes, for the store to apply at once: the new session record
 * with {@code address}, the one-time pre-key a pkmsg consumed, and the identity key the peer presented in it.
 */
public record SessionUpdate(
        SignalAddress address,
        byte[] sessionRecord,
        OptionalInt consumedPreKeyId,
        Optional<byte[]> peerIdentityKey) {

    public SessionUpdate {
        Objects.requireNonNull(address, "address");
        sessionRecord = sessionRecord.clone();
        Objects.requireNonNull(consumedPreKeyId, "consumedPreKeyId");
        peerIdentityKey = peerIdentityKey.map(byte[]::clone);
    }

    static SessionUpdate sessionOnly(SignalAddress address, byte[] sessionRecord) {
        return new SessionUpdate(address, sessionRecord, OptionalInt.empty(), Optional.empty());
    }

    @Override
    public byte[] sessionRecord() {
        return sessionRecord.clone();
    }

    @Override
    public Optional<byte[]> peerIdentityKey() {
        return peerIdentityKey.map(byte[]::clone);
    }

    /** The record holds private ratchet keys and is never printed. */
    @Override
    public String toString() {
        return "SessionUpdate[" + address + ", record=" + sessionRecord.length + " bytes, consumedPreKeyId=" + consumedPreKeyId
                + ", peerIdentityKey=" + peerIdentityKey.map(HexFormat.of()::formatHex).orElse("unchanged") + "]";
    }
}
