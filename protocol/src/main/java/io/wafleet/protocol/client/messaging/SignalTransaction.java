package io.wafleet.protocol.client.messaging;

import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.signal.OneTimePreKey;
import io.wafleet.protocol.signal.SessionUpdate;
import io.wafleet.protocol.signal.SignalAddress;
import io.wafleet.protocol.signal.SignalStore;
import io.wafleet.protocol.signal.SignedPreKeyPair;
import io.wafleet.protocol.store.StateChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link SignalStore} that holds Signal's commits back instead of writing them, so the caller can write them
 * in one {@link StateChange} together with its own records (the plaintext they decrypted, say). Reads see the
 * held commits, so several operations may run on one transaction. Used by one thread, under
 * {@link SignalSessions}' lock, and thrown away after its change is applied.
 */
final class SignalTransaction implements SignalStore {
    private final AuthStoreSignalStore committed;
    private final List<SessionUpdate> held = new ArrayList<>();
    private final Map<String, byte[]> sessions = new HashMap<>();
    private final Set<Integer> consumedPreKeys = new HashSet<>();

    SignalTransaction(AuthStoreSignalStore committed) {
        this.committed = committed;
    }

    @Override
    public KeyPair identityKeyPair() {
        return committed.identityKeyPair();
    }

    @Override
    public int registrationId() {
        return committed.registrationId();
    }

    @Override
    public Optional<byte[]> loadSession(SignalAddress address) {
        byte[] pending = sessions.get(address.encoded());
        return pending != null ? Optional.of(pending.clone()) : committed.loadSession(address);
    }

    @Override
    public Optional<OneTimePreKey> loadPreKey(int id) {
        return consumedPreKeys.contains(id) ? Optional.empty() : committed.loadPreKey(id);
    }

    @Override
    public Optional<SignedPreKeyPair> loadSignedPreKey(int id) {
        return committed.loadSignedPreKey(id);
    }

    @Override
    public void commit(SessionUpdate update) {
        held.add(update);
        sessions.put(update.address().encoded(), update.sessionRecord());
        update.consumedPreKeyId().ifPresent(consumedPreKeys::add);
    }

    /** True when a held commit consumed a one-time pre-key (the server's stock of them went down). */
    boolean consumedAnyPreKey() {
        return !consumedPreKeys.isEmpty();
    }

    /** Every held commit, in order; a later record for an address replaces an earlier one. */
    void addTo(StateChange.Builder change) {
        held.forEach(update -> AuthStoreSignalStore.addTo(change, update));
    }
}
