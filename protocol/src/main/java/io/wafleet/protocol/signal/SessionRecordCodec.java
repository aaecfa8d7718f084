package io.wafleet.protocol.signal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.proto.SignalChainKeyData;
import io.wafleet.protocol.proto.SignalPendingPreKeyData;
import io.wafleet.protocol.proto.SignalReceivingChainData;
import io.wafleet.protocol.proto.SignalSessionData;
import io.wafleet.protocol.proto.SignalSessionRecordData;
import io.wafleet.protocol.proto.SignalSkippedKeyData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Our stored form of a {@link SessionRecord}: the {@code SignalSessionRecordData} protobuf of signal.proto,
 * tagged with {@link #FORMAT_VERSION} so a later layout can read (and migrate) an older one.
 */
final class SessionRecordCodec {
    static final int FORMAT_VERSION = 1;

    private SessionRecordCodec() {}

    static byte[] encode(SessionRecord record) {
        return toProto(record).toByteArray();
    }

    static SignalSessionRecordData toProto(SessionRecord record) {
        SignalSessionRecordData.Builder builder = SignalSessionRecordData.newBuilder().setFormatVersion(FORMAT_VERSION);
        record.sessions().forEach(session -> builder.addSessions(toProto(session)));
        return builder.build();
    }

    static SessionRecord decode(byte[] stored) {
        SignalSessionRecordData proto;
        try {
            proto = SignalSessionRecordData.parseFrom(stored);
        } catch (InvalidProtocolBufferException e) {
            throw new SignalException(SignalException.Reason.MALFORMED, "stored session record does not parse", e);
        }
        if (proto.getFormatVersion() != FORMAT_VERSION) {
            throw new SignalException(SignalException.Reason.MALFORMED,
                    "stored session record has format " + proto.getFormatVersion() + ", this build reads " + FORMAT_VERSION);
        }
        try {
            return new SessionRecord(proto.getSessionsList().stream().map(SessionRecordCodec::fromProto).toList());
        } catch (IllegalArgumentException e) {
            throw new SignalException(SignalException.Reason.MALFORMED, "stored session record is inconsistent: " + e.getMessage(), e);
        }
    }

    private static SignalSessionData toProto(Session session) {
        Session.Origin origin = session.origin();
        SignalSessionData.Builder builder = SignalSessionData.newBuilder()
                .setBaseKey(bytes(origin.baseKey()))
                .setWeInitiated(origin.weInitiated())
                .setRemoteRegistrationId(origin.remoteRegistrationId())
                .setRemoteIdentityKey(bytes(origin.remoteIdentityKey()))
                .setCreatedMs(origin.createdMs())
                .setUsedMs(session.usedMs())
                .setRootKey(bytes(session.rootKey()))
                .setOurRatchetPrivate(bytes(session.ourRatchetKey().privateKey()))
                .setOurRatchetPublic(bytes(session.ourRatchetKey().publicKey()))
                .setTheirRatchetKey(bytes(session.theirRatchetKey()))
                .setPreviousCounter(session.previousCounter());
        session.closedMs().ifPresent(builder::setClosedMs);
        session.sendingChain().ifPresent(chain -> builder.setSendingChain(
                SignalChainKeyData.newBuilder().setKey(bytes(chain.key())).setNextIndex(chain.index())));
        for (ReceivingChain chain : session.receivingChains()) {
            SignalReceivingChainData.Builder chainData = SignalReceivingChainData.newBuilder()
                    .setRatchetKey(bytes(chain.ratchetKey()))
                    .setNextIndex(chain.nextIndex());
            chain.chainKey().ifPresent(key -> chainData.setChainKey(bytes(key.key())));
            chain.skippedKeys().forEach((index, key) -> chainData.addSkippedKeys(
                    SignalSkippedKeyData.newBuilder().setIndex(index).setMessageKey(bytes(key))));
            builder.addReceivingChains(chainData);
        }
        session.pendingPreKey().ifPresent(pending -> {
            SignalPendingPreKeyData.Builder data = SignalPendingPreKeyData.newBuilder().setSignedPreKeyId(pending.signedPreKeyId());
            pending.preKeyId().ifPresent(data::setPreKeyId);
            builder.setPendingPreKey(data);
        });
        return builder.build();
    }

    private static Session fromProto(SignalSessionData data) {
        Session.Origin origin = new Session.Origin(data.getBaseKey().toByteArray(), data.getWeInitiated(),
                data.getRemoteRegistrationId(), data.getRemoteIdentityKey().toByteArray(), data.getCreatedMs());
        List<ReceivingChain> chains = data.getReceivingChainsList().stream().map(SessionRecordCodec::fromProto).toList();
        Optional<ChainKey> sending = data.hasSendingChain()
                ? Optional.of(new ChainKey(data.getSendingChain().getKey().toByteArray(), data.getSendingChain().getNextIndex()))
                : Optional.empty();
        Optional<PendingPreKey> pending = data.hasPendingPreKey()
                ? Optional.of(new PendingPreKey(data.getPendingPreKey().getSignedPreKeyId(),
                        data.getPendingPreKey().hasPreKeyId() ? OptionalInt.of(data.getPendingPreKey().getPreKeyId()) : OptionalInt.empty()))
                : Optional.empty();
        return new Session(origin, data.getUsedMs(),
                data.hasClosedMs() ? OptionalLong.of(data.getClosedMs()) : OptionalLong.empty(),
                data.getRootKey().toByteArray(),
                new KeyPair(data.getOurRatchetPrivate().toByteArray(), data.getOurRatchetPublic().toByteArray()),
                data.getTheirRatchetKey().toByteArray(), data.getPreviousCounter(), sending, chains, pending);
    }

    private static ReceivingChain fromProto(SignalReceivingChainData data) {
        Map<Integer, byte[]> skipped = new LinkedHashMap<>();
        for (SignalSkippedKeyData key : data.getSkippedKeysList()) {
            skipped.put(key.getIndex(), key.getMessageKey().toByteArray());
        }
        Optional<ChainKey> chainKey = data.hasChainKey()
                ? Optional.of(new ChainKey(data.getChainKey().toByteArray(), data.getNextIndex()))
                : Optional.empty();
        return new ReceivingChain(data.getRatchetKey().toByteArray(), chainKey, data.getNextIndex(), skipped);
    }

    private static ByteString bytes(byte[] value) {
        return ByteString.copyFrom(value);
    }
}
