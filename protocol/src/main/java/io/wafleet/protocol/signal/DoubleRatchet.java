package io.wafleet.protocol.signal;

import io.wafleet.protocol.crypto.Aes;
import io.wafleet.protocol.crypto.CryptoException;
import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.crypto.X25519;
import java.util.Optional;

/**
 * The Double Ratchet on one {@link Session}: encrypting on the sending chain, and decrypting with the
 * receiving chain of the sender's ratchet key, stepping the ratchet when that key is new.
 *
 * <p>Decryption authenticates before it commits to anything the peer chose: a ratchet step's receiving half
 * (needed for the MAC key) is computed on the session, but our next ratchet key is generated only after the
 * MAC verified, so a forged message costs no key generation. Callers run it on a copy of the session.
 */
final class DoubleRatchet {
    /** Most message keys one message may make us derive (libsignal's limit too). */
    static final int MAX_KEYS_AHEAD = 2000;
    /** Most skipped message keys a session keeps across its chains; the oldest go first. */
    static final int MAX_SKIPPED_KEYS = 2000;
    /** Most receiving chains a session keeps (the current one and closed ones still holding skipped keys). */
    static final int MAX_RECEIVING_CHAINS = 5;

    private DoubleRatchet() {}

    static WhisperMessage encrypt(Session session, byte[] ourIdentityKey, byte[] paddedPlaintext) {
        ChainKey chainKey = session.takeSendingChainKey();
        MessageKeys keys = MessageKeys.derive(chainKey.messageKeySeed());
        byte[] ciphertext = Aes.cbcEncrypt(keys.cipherKey(), keys.iv(), paddedPlaintext);
        return WhisperMessage.create(session.ourRatchetKey().publicKey(), chainKey.index(), session.previousCounter(),
                ciphertext, keys.macKey(), ourIdentityKey, session.origin().remoteIdentityKey());
    }

    static byte[] decrypt(Session session, WhisperMessage message, byte[] ourIdentityKey, KeyPairSource keys) {
        Optional<ReceivingChain> known = session.receivingChain(message.ratchetKey());
        ReceivingChain chain = known.orElseGet(() -> stepReceiving(session, message));
        MessageKeys messageKeys = MessageKeys.derive(chain.takeMessageKey(message.counter(), MAX_KEYS_AHEAD));
        if (!message.macMatches(messageKeys.macKey(), session.origin().remoteIdentityKey(), ourIdentityKey)) {
            throw new SignalException(SignalException.Reason.BAD_MAC, "message authentication failed");
        }
        byte[] plaintext;
        try {
            plaintext = Aes.cbcDecrypt(messageKeys.cipherKey(), messageKeys.iv(), message.ciphertext());
        } catch (CryptoException e) {
            throw new SignalException(SignalException.Reason.MALFORMED, "authenticated message body does not decrypt", e);
        }
        if (known.isEmpty()) {
            stepSending(session, message.ratchetKey(), keys.next());
        }
        session.clearPendingPreKey();
        session.enforceLimits(MAX_RECEIVING_CHAINS, MAX_SKIPPED_KEYS);
        return plaintext;
    }

    /** The peer moved to a new ratchet key: close its previous chain (keeping what it skipped), open the new one. */
    private static ReceivingChain stepReceiving(Session session, WhisperMessage message) {
        session.receivingChain(session.theirRatchetKey()).ifPresent(previous -> {
            previous.deriveThrough(message.previousCounter(), MAX_KEYS_AHEAD);
            previous.close();
        });
        byte[] shared = agree(session.ourRatchetKey().privateKey(), message.ratchetKey());
        return session.addReceivingChain(message.ratchetKey(), RootKdf.ratchet(session.rootKey(), shared));
    }

    private static void stepSending(Session session, byte[] peerRatchetKey, KeyPair newRatchetKey) {
        byte[] shared = agree(newRatchetKey.privateKey(), peerRatchetKey);
        session.startSendingChain(newRatchetKey, peerRatchetKey, RootKdf.ratchet(session.rootKey(), shared));
    }

    private static byte[] agree(byte[] privateKey, byte[] peerKey) {
        try {
            return X25519.sharedSecret(privateKey, peerKey);
        } catch (CryptoException e) {
            throw new SignalException(SignalException.Reason.MALFORMED, "unusable ratchet key", e);
        }
    }
}
