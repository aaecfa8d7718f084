package io.wafleet.protocol.signal;

import io.wafleet.protocol.crypto.KeyPair;
import java.util.Optional;

/**
 * What the Signal code needs from an account's storage. Session records are opaque bytes here (our own
 * versioned format), so the account's key store can keep them as it keeps any other record.
 *
 * <p>Reads may happen at any time; every change an operation makes arrives in one {@link #commit} call, after
 * the operation succeeded. An implementation that applies a commit atomically never leaves a session without
 * the pre-key consumption that created it, or the reverse.
 */
public interface SignalStore {
    KeyPair identityKeyPair();

    int registrationId();

    /** The stored session record with {@code address}, as {@link SessionUpdate#sessionRecord()} last wrote it. */
    Optional<byte[]> loadSession(SignalAddress address);

    Optional<OneTimePreKey> loadPreKey(int id);

    Optional<SignedPreKeyPair> loadSignedPreKey(int id);

    void commit(SessionUpdate update);
}
