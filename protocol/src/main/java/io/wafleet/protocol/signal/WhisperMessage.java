package io.wafleet.protocol.signal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wafleet.protocol.crypto.Hashes;
import io.wafleet.protocol.proto.SignalWhisperMessage;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A Double Ratchet message as carried in {@code <enc type="msg">} (and inside every pkmsg): version byte
 * {@code 0x33}, the protobuf, then the first 8 bytes of
 * {@code HMAC-SHA256(macKey, senderIdentity(33) ‖ receiverIdentity(33) ‖ 0x33 ‖ protobuf)}.
 *
 * @param ratchetKey the sender's current ratchet public key (raw 32 bytes)
 * @param serialized the complete message as received or sent, MAC included
 */
record WhisperMessage(byte[] ratchetKey, int counter, int previousCounter, byte[] ciphertext, byte[] serialized) {
    static final byte VERSION = 0x33;
    static final int MAC_LENGTH = 8;

    static WhisperMessage parse(byte[] serialized) {
        if (serialized.length < 1 + MAC_LENGTH) {
            throw new SignalException(SignalException.Reason.MALFORMED, "WhisperMessage too short: " + serialized.length + " bytes");
        }
        requireVersion(serialized[0], "WhisperMessage");
        SignalWhisperMessage proto;
        try {
            proto = SignalWhisperMessage.parseFrom(ByteString.copyFrom(serialized, 1, serialized.length - 1 - MAC_LENGTH));
        } catch (InvalidProtocolBufferException e) {
            throw new SignalException(SignalException.Reason.MALFORMED, "WhisperMessage protobuf does not parse", e);
        }
        if (!proto.hasRatchetKey() || !proto.hasCounter() || !proto.hasCiphertext()) {
            throw new SignalException(SignalException.Reason.MALFORMED, "WhisperMessage lacks ratchet key, counter or ciphertext");
        }
        // uint32 values above 2^31 arrive as negative ints; no genuine chain gets that long.
        if (proto.getCounter() < 0 || proto.getPreviousCounter() < 0) {
            throw new SignalException(SignalException.Reason.MALFORMED, "WhisperMessage counter out of range");
        }
        return new WhisperMessage(PublicKeys.decode(proto.getRatchetKey().toByteArray(), "ratchet key"),
                proto.getCounter(), proto.getPreviousCounter(), proto.getCiphertext().toByteArray(), serialized);
    }

    /** Builds and authenticates a message; identity keys are raw 32-byte keys. */
    static WhisperMessage create(byte[] ratchetKey, int counter, int previousCounter, byte[] ciphertext,
                                 byte[] macKey, byte[] senderIdentity, byte[] receiverIdentity) {
        byte[] body = SignalWhisperMessage.newBuilder()
                .setRatchetKey(ByteString.copyFrom(PublicKeys.encode(ratchetKey)))
                .setCounter(counter)
                .setPreviousCounter(previousCounter)
                .setCiphertext(ByteString.copyFrom(ciphertext))
                .build()
                .toByteArray();
        byte[] serialized = new byte[1 + body.length + MAC_LENGTH];
        serialized[0] = VERSION;
        System.arraycopy(body, 0, serialized, 1, body.length);
        byte[] mac = mac(macKey, senderIdentity, receiverIdentity, serialized);
        System.arraycopy(mac, 0, serialized, 1 + body.length, MAC_LENGTH);
        return new WhisperMessage(ratchetKey, counter, previousCounter, ciphertext, serialized);
    }

    boolean macMatches(byte[] macKey, byte[] senderIdentity, byte[] receiverIdentity) {
        byte[] expected = mac(macKey, senderIdentity, receiverIdentity, serialized);
        byte[] received = Arrays.copyOfRange(serialized, serialized.length - MAC_LENGTH, serialized.length);
        return MessageDigest.isEqual(expected, received);
    }

    static void requireVersion(byte versionByte, String what) {
        // 0x33 is the only version WhatsApp and libsignal send; version 2 and older are gone since 2016.
        if (versionByte != VERSION) {
            throw new SignalException(SignalException.Reason.UNSUPPORTED_VERSION,
                    what + " version byte 0x" + Integer.toHexString(versionByte & 0xFF) + ", expected 0x33");
        }
    }

    /** The MAC covers version byte and protobuf, i.e. everything before the MAC itself. */
    private static byte[] mac(byte[] macKey, byte[] senderIdentity, byte[] receiverIdentity, byte[] serialized) {
        byte[] signed = Arrays.copyOfRange(serialized, 0, serialized.length - MAC_LENGTH);
        byte[] full = Hashes.hmacSha256(macKey, PublicKeys.encode(senderIdentity), PublicKeys.encode(receiverIdentity), signed);
        return Arrays.copyOf(full, MAC_LENGTH);
    }

    @Override
    public byte[] serialized() {
        return serialized.clone();
    }

    @Override
    public String toString() {
        return "WhisperMessage[counter=" + counter + ", previousCounter=" + previousCounter
                + ", ciphertext=" + ciphertext.length + " bytes]";
    }
}
