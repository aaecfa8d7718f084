package io.wafleet.protocol.client.messaging;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.proto.StoredKeyPair;
import io.wafleet.protocol.proto.StoredPreKey;
import io.wafleet.protocol.signal.OneTimePreKey;

/** How a one-time pre-key is stored: {@code StoredPreKey} under {@code PRE_KEY/<decimal id>}. */
final class PreKeyRecords {
    private PreKeyRecords() {}

    static String storeId(int id) {
        return Integer.toString(id);
    }

    static byte[] encode(OneTimePreKey key) {
        return StoredPreKey.newBuilder()
                .setKeyPair(StoredKeyPair.newBuilder()
                        .setPrivateKey(ByteString.copyFrom(key.keyPair().privateKey()))
                        .setPublicKey(ByteString.copyFrom(key.keyPair().publicKey())))
                .build()
                .toByteArray();
    }

    static OneTimePreKey decode(int id, byte[] bytes) {
        try {
            StoredKeyPair pair = StoredPreKey.parseFrom(bytes).getKeyPair();
            return new OneTimePreKey(id, new KeyPair(pair.getPrivateKey().toByteArray(), pair.getPublicKey().toByteArray()));
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            throw new MessagingException("stored pre-key " + id + " is unreadable", e);
        }
    }
}
