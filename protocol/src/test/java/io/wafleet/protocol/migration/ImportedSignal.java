package io.wafleet.protocol.migration;

import com.google.protobuf.CodedInputStream;
import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.proto.StoredKeyPair;
import io.wafleet.protocol.signal.InMemorySignalStore;
import io.wafleet.protocol.signal.KeyPairSource;
import io.wafleet.protocol.signal.OneTimePreKey;
import io.wafleet.protocol.signal.SessionCipher;
import io.wafleet.protocol.signal.SignalAddress;
import io.wafleet.protocol.store.Credentials;
import io.wafleet.protocol.store.KeyCategory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/** A Signal cipher over imported records: what the messaging layer will see after an adoption. */
final class ImportedSignal {
    private ImportedSignal() {}

    /** The messaging layer's StoredPreKey: field 1 holds the StoredKeyPair. */
    static KeyPair preKeyPair(byte[] record) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(record);
            int tag = in.readTag();
            if (tag != (1 << 3 | 2)) {
                throw new AssertionError("StoredPreKey field 1 expected, tag " + tag);
            }
            StoredKeyPair pair = StoredKeyPair.parseFrom(in.readBytes());
            if (!in.isAtEnd()) {
                throw new AssertionError("trailing bytes in a pre-key record");
            }
            return new KeyPair(pair.getPrivateKey().toByteArray(), pair.getPublicKey().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SessionCipher cipher(Credentials credentials, List<BaileysKeys.Converted> records) {
        InMemorySignalStore store = new InMemorySignalStore(credentials.signedIdentityKey(), credentials.registrationId());
        store.addSignedPreKey(credentials.signedPreKey());
        for (BaileysKeys.Converted record : records) {
            if (record.category() == KeyCategory.PRE_KEY) {
                store.addPreKey(new OneTimePreKey(Integer.parseInt(record.id()), preKeyPair(record.value())));
            } else if (record.category() == KeyCategory.SESSION) {
                store.putSession(SignalAddress.parse(record.id()), record.value());
            }
        }
        return new SessionCipher(store, KeyPairSource.random(), InstantSource.system());
    }

    static List<BaileysKeys.Converted> records(io.wafleet.protocol.store.AuthStore store) {
        java.util.ArrayList<BaileysKeys.Converted> all = new java.util.ArrayList<>();
        for (KeyCategory category : KeyCategory.values()) {
            Map<String, byte[]> values = store.read(category, store.ids(category));
            values.forEach((id, value) -> all.add(new BaileysKeys.Converted(category, id, value)));
        }
        return all;
    }
}
