package io.wafleet.protocol.client.messaging;

import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.signal.OneTimePreKey;
import io.wafleet.protocol.signal.SessionUpdate;
import io.wafleet.protocol.signal.SignalAddress;
import io.wafleet.protocol.signal.SignalStore;
import io.wafleet.protocol.signal.SignedPreKeyPair;
import io.wafleet.protocol.store.AuthStore;
import io.wafleet.protocol.store.Credentials;
import io.wafleet.protocol.store.KeyCategory;
import io.wafleet.protocol.store.StateChange;
import java.util.Objects;
import java.util.Optional;

/**
 * The Signal store of one account, kept in its {@link AuthStore}: session records under {@link KeyCategory#SESSION}
 * and peer identity keys under {@link KeyCategory#IDENTITY}, both keyed by {@link SignalAddress#encoded()}; our
 * one-time pre-keys under {@link KeyCategory#PRE_KEY} keyed by their decimal id; identity key, registration id
 * and the current signed pre-key from the credentials.
 *
 * <p>Each {@link SessionUpdate} becomes exactly one {@link StateChange}, so a new session, the one-time pre-key
 * its pkmsg consumed and the peer's identity key land together or not at all.
 */
public final class AuthStoreSignalStore implements SignalStore {
    private final AuthStore store;

    public AuthStoreSignalStore(AuthStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public KeyPair identityKeyPair() {
        return credentials().signedIdentityKey();
    }

    @Override
    public int registrationId() {
        return credentials().registrationId();
    }

    @Override
    public Optional<byte[]> loadSession(SignalAddress address) {
        return store.read(KeyCategory.SESSION, address.encoded());
    }

    @Override
    public Optional<OneTimePreKey> loadPreKey(int id) {
        return store.read(KeyCategory.PRE_KEY, PreKeyRecords.storeId(id)).map(bytes -> PreKeyRecords.decode(id, bytes));
    }

    /** Only the current signed pre-key is kept (the credentials hold one); an older id is unknown. */
    @Override
    public Optional<SignedPreKeyPair> loadSignedPreKey(int id) {
        SignedPreKeyPair current = credentials().signedPreKey();
        return current.id() == id ? Optional.of(current) : Optional.empty();
    }

    /** The identity key the peer device last authenticated with, if any. */
    public Optional<byte[]> peerIdentity(SignalAddress address) {
        return store.read(KeyCategory.IDENTITY, address.encoded());
    }

    @Override
    public void commit(SessionUpdate update) {
        StateChange.Builder change = StateChange.builder();
        addTo(change, update);
        store.apply(change.build());
    }

    /** Adds everything {@code update} changes to {@code change}, for a caller that commits more in the same breath. */
    static void addTo(StateChange.Builder change, SessionUpdate update) {
        change.put(KeyCategory.SESSION, update.address().encoded(), update.sessionRecord());
        update.consumedPreKeyId().ifPresent(id -> change.delete(KeyCategory.PRE_KEY, PreKeyRecords.storeId(id)));
        update.peerIdentityKey().ifPresent(key -> change.put(KeyCategory.IDENTITY, update.address().encoded(), key));
    }

    AuthStore authStore() {
        return store;
    }

    private Credentials credentials() {
        return store.state().credentials()
                .orElseThrow(() -> new IllegalStateException("the auth store holds no credentials"));
    }

    @Override
    public String toString() {
        return "AuthStoreSignalStore[" + store + "]";
    }
}
