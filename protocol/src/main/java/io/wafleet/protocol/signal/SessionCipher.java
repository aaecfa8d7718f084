package io.wafleet.protocol.signal;

import io.wafleet.protocol.crypto.CryptoException;
import io.wafleet.protocol.crypto.KeyPair;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * WhatsApp 1:1 end-to-end encryption for one account: builds sessions from pre-key bundles, encrypts to and
 * decrypts from peer devices. Every operation loads the record, works on a copy and commits one
 * {@link SessionUpdate} only when it succeeded; a refused message leaves the store exactly as it was.
 *
 * <p>Operations run one at a time (one lock per account): they are short, and a session's ratchet must not
 * see two messages at once.
 */
public final class SessionCipher {
    private final SignalStore store;
    private final KeyPairSource keys;
    private final InstantSource clock;
    private final ReentrantLock lock = new ReentrantLock();

    public SessionCipher(SignalStore store, KeyPairSource keys, InstantSource clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Starts a new session with the bundle's device; an open session with it is closed (kept for messages still
     * in flight). Refuses a bundle whose signed pre-key signature does not verify.
     */
    public void processBundle(SignalAddress address, PreKeyBundle bundle) {
        if (bundle.deviceId() != address.deviceId()) {
            throw new IllegalArgumentException("bundle of device " + bundle.deviceId() + " offered for " + address);
        }
        if (!bundle.hasValidSignature()) {
            throw new SignalException(SignalException.Reason.INVALID_SIGNATURE,
                    "signed pre-key of " + address + " is not signed by its identity key");
        }
        locked(() -> {
            long now = clock.millis();
            SessionRecord record = loadRecord(address).orElseGet(SessionRecord::empty);
            Session session = cryptoGuarded(() -> X3dh.initiate(store.identityKeyPair(), bundle, keys, now));
            record.closeOpenSession(now);
            record.put(session);
            store.commit(SessionUpdate.sessionOnly(address, SessionRecordCodec.encode(record)));
            return null;
        });
    }

    public boolean hasOpenSession(SignalAddress address) {
        return locked(() -> loadRecord(address).flatMap(SessionRecord::openSession).isPresent());
    }

    /** Encrypts padded plaintext on the open session: a pkmsg until the peer has answered, a msg after. */
    public EncryptedMessage encrypt(SignalAddress address, byte[] paddedPlaintext) {
        return encryptIfOpen(address, paddedPlaintext).orElseThrow(() -> noSession(address));
    }

    /**
     * {@link #encrypt} when there is an open session with {@code address}, else empty and nothing changed: one read
     * of the record where asking {@link #hasOpenSession} first would take two.
     */
    public Optional<EncryptedMessage> encryptIfOpen(SignalAddress address, byte[] paddedPlaintext) {
        return locked(() -> {
            Optional<SessionRecord> record = loadRecord(address);
            Optional<Session> open = record.flatMap(SessionRecord::openSession);
            if (open.isEmpty()) {
                return Optional.empty();
            }
            Session session = open.get();
            KeyPair identity = store.identityKeyPair();
            WhisperMessage message = DoubleRatchet.encrypt(session, identity.publicKey(), paddedPlaintext);
            EncryptedMessage encrypted = session.pendingPreKey()
                    .map(pending -> new EncryptedMessage(EncryptedMessage.Type.PKMSG, new PreKeyWhisperMessage(
                            pending.preKeyId(), pending.signedPreKeyId(), session.origin().baseKey(), identity.publicKey(),
                            store.registrationId(), message).serialize()))
                    .orElseGet(() -> new EncryptedMessage(EncryptedMessage.Type.MSG, message.serialized()));
            store.commit(SessionUpdate.sessionOnly(address, SessionRecordCodec.encode(record.get())));
            return Optional.of(encrypted);
        });
    }

    /** Decrypts a message from {@code address}; returns the padded plaintext. */
    public byte[] decrypt(SignalAddress address, EncryptedMessage message) {
        return switch (message.type()) {
            case PKMSG -> locked(() -> decryptPreKeyMessage(address, PreKeyWhisperMessage.parse(message.body())));
            case MSG -> locked(() -> decryptMessage(address, WhisperMessage.parse(message.body())));
        };
    }

    private byte[] decryptPreKeyMessage(SignalAddress address, PreKeyWhisperMessage message) {
        long now = clock.millis();
        SessionRecord record = loadRecord(address).orElseGet(SessionRecord::empty);
        Optional<Session> existing = record.session(message.baseKey());
        if (existing.isPresent() && existing.get().origin().weInitiated()) {
            throw new SignalException(SignalException.Reason.MALFORMED, "pkmsg from " + address + " carries our own base key");
        }
        // The initiator resends pkmsg until we answer: a known base key means the session exists already.
        Session session = existing.map(Session::copy).orElseGet(() -> newResponderSession(message, now));
        byte[] plaintext = cryptoGuarded(() -> DoubleRatchet.decrypt(session, message.message(), store.identityKeyPair().publicKey(), keys));
        if (existing.isEmpty()) {
            record.closeOpenSession(now);
        }
        record.put(session);
        OptionalInt consumed = existing.isEmpty() ? message.preKeyId() : OptionalInt.empty();
        // The session's identity key took part in the MAC (and, for a new session, in X3DH); the pkmsg's own
        // identity field is not authenticated when the session existed already.
        Optional<byte[]> identity = Optional.of(session.origin().remoteIdentityKey());
        store.commit(new SessionUpdate(address, SessionRecordCodec.encode(record), consumed, identity));
        return plaintext;
    }

    private Session newResponderSession(PreKeyWhisperMessage message, long now) {
        Optional<OneTimePreKey> oneTimePreKey = Optional.empty();
        if (message.preKeyId().isPresent()) {
            int id = message.preKeyId().getAsInt();
            oneTimePreKey = Optional.of(store.loadPreKey(id).orElseThrow(() -> new SignalException(
                    SignalException.Reason.UNKNOWN_PRE_KEY, "no one-time pre-key " + id + " (consumed already, or not ours)")));
        }
        int signedId = message.signedPreKeyId();
        SignedPreKeyPair signedPreKey = store.loadSignedPreKey(signedId).orElseThrow(() -> new SignalException(
                SignalException.Reason.UNKNOWN_SIGNED_PRE_KEY, "no signed pre-key " + signedId));
        Optional<OneTimePreKey> oneTime = oneTimePreKey;
        return cryptoGuarded(() -> X3dh.respond(store.identityKeyPair(), signedPreKey, oneTime, message, now));
    }

    /** Tries every session, most recently used first; only the one that decrypts is changed and stored. */
    private byte[] decryptMessage(SignalAddress address, WhisperMessage message) {
        SessionRecord record = loadRecord(address).filter(r -> !r.isEmpty()).orElseThrow(() -> noSession(address));
        byte[] ourIdentityKey = store.identityKeyPair().publicKey();
        List<SignalException> failures = new ArrayList<>();
        for (Session stored : record.mostRecentlyUsedFirst()) {
            Session attempt = stored.copy();
            try {
                byte[] plaintext = DoubleRatchet.decrypt(attempt, message, ourIdentityKey, keys);
                attempt.markUsed(clock.millis());
                record.put(attempt);
                store.commit(SessionUpdate.sessionOnly(address, SessionRecordCodec.encode(record)));
                return plaintext;
            } catch (SignalException e) {
                failures.add(e);
            }
        }
        throw noMatchingSession(address, failures);
    }

    /** A duplicate anywhere means the message was processed before, which a caller treats differently. */
    private static SignalException noMatchingSession(SignalAddress address, List<SignalException> failures) {
        SignalException.Reason reason = failures.stream().anyMatch(f -> f.reason() == SignalException.Reason.DUPLICATE)
                ? SignalException.Reason.DUPLICATE
                : failures.getFirst().reason();
        SignalException combined = new SignalException(reason,
                "no session with " + address + " decrypts the message (" + failures.size() + " tried)");
        failures.forEach(combined::addSuppressed);
        return combined;
    }

    private Optional<SessionRecord> loadRecord(SignalAddress address) {
        return store.loadSession(address).map(SessionRecordCodec::decode);
    }

    private static SignalException noSession(SignalAddress address) {
        return new SignalException(SignalException.Reason.NO_SESSION, "no open session with " + address);
    }

    /** A peer key that X25519 refuses (e.g. of small order) makes the message, not our code, faulty. */
    private static <T> T cryptoGuarded(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (CryptoException e) {
            throw new SignalException(SignalException.Reason.MALFORMED, "peer key unusable: " + e.getMessage(), e);
        }
    }

    private <T> T locked(Supplier<T> operation) {
        lock.lock();
        try {
            return operation.get();
        } finally {
            lock.unlock();
        }
    }
}
