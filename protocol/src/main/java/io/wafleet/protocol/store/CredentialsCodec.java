package io.wafleet.protocol.store;

import com.google.protobuf.InvalidProtocolBufferException;
import io.wafleet.protocol.proto.StoredCredentials;

/**
 * Credentials as bytes in the store's own record format, for code outside the store that carries an account's
 * whole state elsewhere (an encrypted backup, an export). Key records need no codec: they are opaque bytes already.
 */
public final class CredentialsCodec {
    private CredentialsCodec() {}

    public static byte[] encode(Credentials credentials) {
        return RecordCodec.encode(credentials).toByteArray();
    }

    /** Decodes and validates; bytes that are not complete credentials fail with a {@link CorruptStoreException}. */
    public static Credentials decode(byte[] bytes) {
        try {
            return RecordCodec.decode(StoredCredentials.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw new CorruptStoreException("credentials record is not a valid protobuf: " + e.getMessage(), e);
        }
    }
}
