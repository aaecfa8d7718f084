package io.wafleet.protocol.signal;

import io.wafleet.protocol.crypto.KeyPair;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** A {@link SignalStore} in memory: for tests and the simulator's devices. Thread-safe. */
public final class InMemorySignalStore implements SignalStore {
    private final KeyPair identityKeyPair;
    private final int registrationId;
    private final Map<String, byte[]> sessions = new HashMap<>();
    private final Map<Integer, OneTimePreKey> preKeys = new HashMap<>();
    private final Map<Integer, SignedPreKeyPair> signedPreKeys = new HashMap<>();
    private final Map<String, byte[]> identities = new HashMap<>();

    public InMemorySignalStore(KeyPair identityKeyPair, int registrationId) {
        this.identityKeyPair = Objects.requireNonNull(identityKeyPair, "identityKeyPair");
        this.registrationId = registrationId;
    }

    @Override
    public KeyPair identityKeyPair() {
        return identityKeyPair;
    }

    @Override
    public int registrationId() {
        return registrationId;
    }

    public synchronized void addPreKey(OneTimePreKey preKey) {
        preKeys.put(preKey.id(), preKey);
    }

    public synchronized void addSignedPreKey(SignedPreKeyPair signedPreKey) {
        signedPreKeys.put(signedPreKey.id(), signedPreKey);
    }

    /** Puts a record as it is, e.g. one converted from a Baileys session file. */
    public synchronized void putSession(SignalAddress address, byte[] sessionRecord) {
        sessions.put(address.encoded(), sessionRecord.clone());
    }

    public synchronized Set<Integer> preKeyIds() {
        return new TreeSet<>(preKeys.keySet());
    }

    public synchronized Optional<byte[]> peerIdentity(SignalAddress address) {
        return Optional.ofNullable(identities.get(address.encoded())).map(byte[]::clone);
    }

    @Override
    public synchronized Optional<byte[]> loadSession(SignalAddress address) {
        return Optional.ofNullable(sessions.get(address.encoded())).map(byte[]::clone);
    }

    @Override
    public synchronized Optional<OneTimePreKey> loadPreKey(int id) {
        return Optional.ofNullable(preKeys.get(id));
    }

    @Override
    public synchronized Optional<SignedPreKeyPair> loadSignedPreKey(int id) {
        return Optional.ofNullable(signedPreKeys.get(id));
    }

    @Override
    public synchronized void commit(SessionUpdate update) {
        sessions.put(update.address().encoded(), update.sessionRecord());
        update.consumedPreKeyId().ifPresent(preKeys::remove);
        update.peerIdentityKey().ifPresent(key -> identities.put(update.address().encoded(), key));
    }

    @Override
    public String toString() {
        return "InMemorySignalStore[registrationId=" + registrationId + "]";
    }
}
