package io.wafleet.protocol.store;

import com.google.protobuf.ByteString;
import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.proto.StoredCredentials;
import io.wafleet.protocol.proto.StoredKey;
import io.wafleet.protocol.proto.StoredKeyDeletion;
import io.wafleet.protocol.proto.StoredKeyPair;
import io.wafleet.protocol.proto.StoredMe;
import io.wafleet.protocol.proto.StoredSignalIdentity;
import io.wafleet.protocol.proto.StoredSignedPreKey;
import io.wafleet.protocol.signal.SignedPreKeyPair;
import java.util.Optional;

/** Converts between the model and its on-disk protobuf records, validating what it reads. */
final class RecordCodec {
    private RecordCodec() {}

    static StoredCredentials encode(Credentials creds) {
        StoredCredentials.Builder out = StoredCredentials.newBuilder()
                .setNoiseKey(encode(creds.noiseKey()))
                .setSignedIdentityKey(encode(creds.signedIdentityKey()))
                .setSignedPreKey(StoredSignedPreKey.newBuilder()
                        .setKeyId(creds.signedPreKey().id())
                        .setKeyPair(encode(creds.signedPreKey().keyPair()))
                        .setSignature(ByteString.copyFrom(creds.signedPreKey().signature())))
                .setRegistrationId(creds.registrationId())
                .setAdvSecretKey(ByteString.copyFrom(creds.advSecretKey()))
                .setNextPreKeyId(creds.nextPreKeyId())
                .setFirstUnuploadedPreKeyId(creds.firstUnuploadedPreKeyId());
        creds.me().ifPresent(me -> {
            StoredMe.Builder stored = StoredMe.newBuilder().setJid(me.jid());
            me.lid().ifPresent(stored::setLid);
            me.pushName().ifPresent(stored::setPushName);
            out.setMe(stored);
        });
        creds.account().ifPresent(account -> out.setAccount(ByteString.copyFrom(account)));
        creds.platform().ifPresent(out::setPlatform);
        creds.routingInfo().ifPresent(info -> out.setRoutingInfo(ByteString.copyFrom(info)));
        for (SignalIdentity identity : creds.signalIdentities()) {
            out.addSignalIdentities(StoredSignalIdentity.newBuilder()
                    .setJid(identity.jid())
                    .setDeviceId(identity.deviceId())
                    .setIdentityKey(ByteString.copyFrom(identity.identityKey())));
        }
        return out.build();
    }

    static Credentials decode(StoredCredentials in) {
        require(in.hasNoiseKey() && in.hasSignedIdentityKey() && in.hasSignedPreKey() && in.hasRegistrationId()
                && in.hasAdvSecretKey() && in.hasNextPreKeyId() && in.hasFirstUnuploadedPreKeyId(), "credentials lack a field");
        StoredSignedPreKey preKey = in.getSignedPreKey();
        require(preKey.hasKeyId() && preKey.hasKeyPair() && preKey.hasSignature(), "signed pre-key lacks a field");
        try {
            return new Credentials(
                    decode(in.getNoiseKey()),
                    decode(in.getSignedIdentityKey()),
                    new SignedPreKeyPair(preKey.getKeyId(), decode(preKey.getKeyPair()), preKey.getSignature().toByteArray()),
                    in.getRegistrationId(),
                    in.getAdvSecretKey().toByteArray(),
                    in.hasMe() ? Optional.of(decode(in.getMe())) : Optional.empty(),
                    in.hasAccount() ? Optional.of(in.getAccount().toByteArray()) : Optional.empty(),
                    in.hasPlatform() ? Optional.of(in.getPlatform()) : Optional.empty(),
                    in.hasRoutingInfo() ? Optional.of(in.getRoutingInfo().toByteArray()) : Optional.empty(),
                    in.getNextPreKeyId(),
                    in.getFirstUnuploadedPreKeyId(),
                    in.getSignalIdentitiesList().stream().map(RecordCodec::decode).toList());
        } catch (IllegalArgumentException e) {
            throw new CorruptStoreException("stored credentials are invalid: " + e.getMessage(), e);
        }
    }

    static StoredKey encode(StoreKey key, byte[] value) {
        return StoredKey.newBuilder()
                .setCategory(key.category().code())
                .setId(key.id())
                .setValue(ByteString.copyFrom(value))
                .build();
    }

    static StoredKeyDeletion encodeDeletion(StoreKey key) {
        return StoredKeyDeletion.newBuilder().setCategory(key.category().code()).setId(key.id()).build();
    }

    static StoreKey keyOf(StoredKey stored) {
        require(stored.hasCategory() && stored.hasId() && stored.hasValue(), "key record lacks a field");
        return key(stored.getCategory(), stored.getId());
    }

    static StoreKey keyOf(StoredKeyDeletion stored) {
        require(stored.hasCategory() && stored.hasId(), "key deletion lacks a field");
        return key(stored.getCategory(), stored.getId());
    }

    private static StoreKey key(int category, String id) {
        try {
            return new StoreKey(KeyCategory.fromCode(category), id);
        } catch (IllegalArgumentException e) {
            throw new CorruptStoreException("stored key id is invalid: " + e.getMessage(), e);
        }
    }

    private static StoredKeyPair encode(KeyPair pair) {
        return StoredKeyPair.newBuilder()
                .setPrivateKey(ByteString.copyFrom(pair.privateKey()))
                .setPublicKey(ByteString.copyFrom(pair.publicKey()))
                .build();
    }

    private static KeyPair decode(StoredKeyPair pair) {
        require(pair.hasPrivateKey() && pair.hasPublicKey(), "key pair lacks a field");
        return new KeyPair(pair.getPrivateKey().toByteArray(), pair.getPublicKey().toByteArray());
    }

    private static Me decode(StoredMe me) {
        require(me.hasJid(), "me lacks its jid");
        return new Me(me.getJid(),
                me.hasLid() ? Optional.of(me.getLid()) : Optional.empty(),
                me.hasPushName() ? Optional.of(me.getPushName()) : Optional.empty());
    }

    private static SignalIdentity decode(StoredSignalIdentity identity) {
        require(identity.hasJid() && identity.hasDeviceId() && identity.hasIdentityKey(), "signal identity lacks a field");
        return new SignalIdentity(identity.getJid(), identity.getDeviceId(), identity.getIdentityKey().toByteArray());
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new CorruptStoreException("stored " + what);
        }
    }
}
