package io.wafleet.simulator.messaging;

import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.crypto.X25519;
import io.wafleet.protocol.crypto.XEdDsa;
import io.wafleet.protocol.signal.EncryptedMessage;
import io.wafleet.protocol.signal.InMemorySignalStore;
import io.wafleet.protocol.signal.KeyPairSource;
import io.wafleet.protocol.signal.OneTimePreKey;
import io.wafleet.protocol.signal.PreKeyBundle;
import io.wafleet.protocol.signal.SessionCipher;
import io.wafleet.protocol.signal.SignalAddress;
import io.wafleet.protocol.signal.SignedPreKeyPair;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The Signal side of an account's primary device (device 0) inside the simulator: identity key (the account's
 * own, which also signs its companions), registration id, a signed pre-key and a pool of one-time pre-keys that
 * the server hands out, one per bundle. Encryption and decryption are wa-fleet's own {@link SessionCipher}, so
 * every exchange with Baileys also tests it.
 *
 * <p>Sessions live in memory only: after a simulator restart a peer keeps its identity key (from the state file)
 * but has new pre-keys and no sessions, as a phone would after a reinstall.
 */
final class SignalPeer {
    /** One-time pre-keys kept available for bundles; refilled when a fetch empties the pool. */
    private static final int PRE_KEY_POOL = 20;
    private static final int SIGNED_PRE_KEY_ID = 1;

    private final InMemorySignalStore store;
    private final SessionCipher cipher;
    private final SignedPreKeyPair signedPreKey;
    private final Deque<OneTimePreKey> unpublished = new ArrayDeque<>();
    private int nextPreKeyId = 1;

    SignalPeer(KeyPair identity, SecureRandom random, InstantSource clock) {
        this.store = new InMemorySignalStore(identity, 1 + random.nextInt(16380));
        KeyPair signed = X25519.generateKeyPair();
        this.signedPreKey = new SignedPreKeyPair(SIGNED_PRE_KEY_ID, signed,
                XEdDsa.sign(identity.privateKey(), X25519.withTypePrefix(signed.publicKey())));
        store.addSignedPreKey(signedPreKey);
        this.cipher = new SessionCipher(store, KeyPairSource.random(), clock);
    }

    byte[] identityPublicKey() {
        return store.identityKeyPair().publicKey();
    }

    int registrationId() {
        return store.registrationId();
    }

    /** A bundle for a device that wants a session with us; its one-time key is never handed out again. */
    synchronized PreKeyBundle takeBundle() {
        if (unpublished.isEmpty()) {
            for (int i = 0; i < PRE_KEY_POOL; i++) {
                OneTimePreKey key = new OneTimePreKey(nextPreKeyId++, X25519.generateKeyPair());
                store.addPreKey(key);
                unpublished.add(key);
            }
        }
        OneTimePreKey oneTime = unpublished.removeFirst();
        return new PreKeyBundle(store.registrationId(), 0, identityPublicKey(), signedPreKey.id(),
                signedPreKey.keyPair().publicKey(), signedPreKey.signature(),
                Optional.of(new PreKeyBundle.OneTimeKey(oneTime.id(), oneTime.keyPair().publicKey())));
    }

    boolean hasSession(SignalAddress address) {
        return cipher.hasOpenSession(address);
    }

    void startSession(SignalAddress address, PreKeyBundle bundle) {
        cipher.processBundle(address, bundle);
    }

    EncryptedMessage encrypt(SignalAddress address, byte[] paddedPlaintext) {
        return cipher.encrypt(address, paddedPlaintext);
    }

    byte[] decrypt(SignalAddress address, EncryptedMessage message) {
        return cipher.decrypt(address, message);
    }

    @Override
    public String toString() {
        return "SignalPeer[registrationId=" + store.registrationId() + "]";
    }
}
