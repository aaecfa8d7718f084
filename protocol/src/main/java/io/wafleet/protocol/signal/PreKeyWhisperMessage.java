package io.wafleet.protocol.signal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wafleet.protocol.proto.SignalPreKeyWhisperMessage;
import java.util.OptionalInt;

/**
 * The first messages of a session we initiated, as carried in {@code <enc type="pkmsg">}: version byte
 * {@code 0x33}, then a protobuf naming the pre-keys used, our base and identity keys, and the WhisperMessage.
 * Neither the pre-key ids nor the registration id are covered by a MAC; the receiver must check the ids
 * against its own keys.
 */
record PreKeyWhisperMessage(
        OptionalInt preKeyId,
        int signedPreKeyId,
        byte[] baseKey,
        byte[] identityKey,
        int registrationId,
        WhisperMessage message) {

    static PreKeyWhisperMessage parse(byte[] serialized) {
        if (serialized.length < 1) {
            throw new SignalException(SignalException.Reason.MALFORMED, "empty PreKeyWhisperMessage");
        }
        WhisperMessage.requireVersion(serialized[0], "PreKeyWhisperMessage");
        SignalPreKeyWhisperMessage proto;
        try {
            proto = SignalPreKeyWhisperMessage.parseFrom(ByteString.copyFrom(serialized, 1, serialized.length - 1));
        } catch (InvalidProtocolBufferException e) {
            throw new SignalException(SignalException.Reason.MALFORMED, "PreKeyWhisperMessage protobuf does not parse", e);
        }
        if (!proto.hasBaseKey() || !proto.hasIdentityKey() || !proto.hasMessage()
                || !proto.hasSignedPreKeyId() || !proto.hasRegistrationId()) {
            throw new SignalException(SignalException.Reason.MALFORMED, "PreKeyWhisperMessage lacks a required field");
        }
        return new PreKeyWhisperMessage(
                proto.hasPreKeyId() ? OptionalInt.of(proto.getPreKeyId()) : OptionalInt.empty(),
                proto.getSignedPreKeyId(),
                PublicKeys.decode(proto.getBaseKey().toByteArray(), "base key"),
                PublicKeys.decode(proto.getIdentityKey().toByteArray(), "identity key"),
                proto.getRegistrationId(),
                WhisperMessage.parse(proto.getMessage().toByteArray()));
    }

    /** Version byte and protobuf; protobuf-java writes fields in number order, as libsignal does. */
    byte[] serialize() {
        SignalPreKeyWhisperMessage.Builder builder = SignalPreKeyWhisperMessage.newBuilder()
                .setBaseKey(ByteString.copyFrom(PublicKeys.encode(baseKey)))
                .setIdentityKey(ByteString.copyFrom(PublicKeys.encode(identityKey)))
                .setMessage(ByteString.copyFrom(message.serialized()))
                .setRegistrationId(registrationId)
                .setSignedPreKeyId(signedPreKeyId);
        preKeyId.ifPresent(builder::setPreKeyId);
        byte[] body = builder.build().toByteArray();
        byte[] serialized = new byte[1 + body.length];
        serialized[0] = WhisperMessage.VERSION;
        System.arraycopy(body, 0, serialized, 1, body.length);
        return serialized;
    }

    @Override
    public String toString() {
        return "PreKeyWhisperMessage[preKeyId=" + preKeyId + ", signedPreKeyId=" + signedPreKeyId
                + ", registrationId=" + registrationId + ", " + message + "]";
    }
}
