package io.wafleet.server.firestore;

import io.wafleet.protocol.store.AuthStore;
import io.wafleet.protocol.store.Credentials;
import io.wafleet.protocol.store.CredentialsCodec;
import io.wafleet.protocol.store.KeyCategory;
import io.wafleet.protocol.store.KeyMutation;
import io.wafleet.protocol.store.StateChange;
import io.wafleet.protocol.store.StoreKey;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * The plaintext of a backup part before compression and encryption: optional credentials and a list of key puts and
 * deletes. A full backup ("base") is the whole state as puts; an incremental one ("delta") is one committed
 * {@link StateChange}. Layout: version byte, credentials (length + bytes, length -1 when absent), mutation count,
 * then per mutation: op (1 put, 2 delete), category code, id (length + UTF-8), value (length + bytes, puts only).
 * Every length is checked against what remains, so damaged input fails clearly and allocates no more than its size.
 */
record BackupPayload(Optional<Credentials> credentials, List<KeyMutation> mutations) {

    private static final byte VERSION = 1;
    private static final byte PUT = 1;
    private static final byte DELETE = 2;

    static BackupPayload of(StateChange change) {
        return new BackupPayload(change.credentials(), change.mutations());
    }

    /** The whole committed state of {@code store}, read key by key from disk (large accounts stay off the heap until here). */
    static BackupPayload snapshotOf(AuthStore store) {
        StateChange.Builder all = StateChange.builder();
        store.state().credentials().ifPresent(all::credentials);
        for (KeyCategory category : KeyCategory.values()) {
            SortedSet<String> ids = store.ids(category);
            if (!ids.isEmpty()) {
                store.read(category, ids).forEach((id, value) -> all.put(category, id, value));
            }
        }
        return of(all.build());
    }

    StateChange toChange() {
        return new StateChange(credentials, mutations);
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            if (credentials.isPresent()) {
                writeBytes(out, CredentialsCodec.encode(credentials.get()));
            } else {
                out.writeInt(-1);
            }
            out.writeInt(mutations.size());
            for (KeyMutation mutation : mutations) {
                out.writeByte(mutation instanceof KeyMutation.Put ? PUT : DELETE);
                out.writeByte(mutation.key().category().code());
                writeBytes(out, mutation.key().id().getBytes(StandardCharsets.UTF_8));
                if (mutation instanceof KeyMutation.Put put) {
                    writeBytes(out, put.value());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static BackupPayload decode(byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data);
        try {
            if (in.get() != VERSION) {
                throw new IllegalArgumentException("unknown backup format version");
            }
            Optional<Credentials> credentials = Optional.ofNullable(readBytesOrNull(in)).map(CredentialsCodec::decode);
            int count = in.getInt();
            // Each mutation takes at least 10 bytes: a count beyond that is damage, not a reason to allocate.
            if (count < 0 || count > in.remaining() / 10) {
                throw new IllegalArgumentException("mutation count " + count + " does not fit the data");
            }
            StateChange.Builder change = StateChange.builder();
            credentials.ifPresent(change::credentials);
            for (int i = 0; i < count; i++) {
                byte op = in.get();
                KeyCategory category = category(in.get());
                String id = new String(readBytes(in), StandardCharsets.UTF_8);
                switch (op) {
                    case PUT -> change.put(category, id, readBytes(in));
                    case DELETE -> change.delete(category, id);
                    default -> throw new IllegalArgumentException("unknown mutation op " + op);
                }
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " trailing bytes");
            }
            return of(change.build());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("backup payload is malformed: " + e.getMessage(), e);
        }
    }

    /** The state that results from applying {@code inOrder} (a base, then its deltas) to an empty store. */
    static BackupPayload merged(List<BackupPayload> inOrder) {
        Map<StoreKey, byte[]> keys = new TreeMap<>();
        Optional<Credentials> credentials = Optional.empty();
        for (BackupPayload part : inOrder) {
            if (part.credentials.isPresent()) {
                credentials = part.credentials;
            }
            for (KeyMutation mutation : part.mutations) {
                switch (mutation) {
                    case KeyMutation.Put put -> keys.put(put.key(), put.value());
                    case KeyMutation.Delete delete -> keys.remove(delete.key());
                }
            }
        }
        StateChange.Builder all = StateChange.builder();
        credentials.ifPresent(all::credentials);
        keys.forEach((key, value) -> all.put(key.category(), key.id(), value));
        return of(all.build());
    }

    private static KeyCategory category(byte code) {
        for (KeyCategory category : KeyCategory.values()) {
            if (category.code() == code) {
                return category;
            }
        }
        throw new IllegalArgumentException("unknown key category " + code);
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static byte[] readBytesOrNull(ByteBuffer in) {
        int length = in.getInt();
        return length == -1 ? null : take(in, length);
    }

    private static byte[] readBytes(ByteBuffer in) {
        return take(in, in.getInt());
    }

    private static byte[] take(ByteBuffer in, int length) {
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("length " + length + " exceeds the remaining " + in.remaining() + " bytes");
        }
        byte[] value = new byte[length];
        in.get(value);
        return value;
    }
}
