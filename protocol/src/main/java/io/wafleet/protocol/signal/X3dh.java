package io.wafleet.protocol.signal;

import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.crypto.X25519;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Signal's X3DH key agreement, both roles. The master secret is 32 bytes of 0xFF followed by
 * DH(identity_A, signedPreKey_B) ‖ DH(base_A, identity_B) ‖ DH(base_A, signedPreKey_B) and, when the bundle
 * had one, DH(base_A, oneTimePreKey_B); HKDF turns it into the first root key.
 */
final class X3dh {
    private static final byte[] DISCONTINUITY = filled(32, (byte) 0xFF);

    private X3dh() {}

    /**
     * Initiator: a new session on the peer's bundle (its signature already verified). Takes the base key and
     * then our first ratchet key from {@code keys}, in that order, as libsignal does.
     */
    static Session initiate(KeyPair ourIdentity, PreKeyBundle bundle, KeyPairSource keys, long nowMs) {
        KeyPair baseKey = keys.next();
        KeyPair ratchetKey = keys.next();
        byte[] theirSignedPreKey = bundle.signedPreKey();
        byte[] secret = masterSecret(
                X25519.sharedSecret(ourIdentity.privateKey(), theirSignedPreKey),
                X25519.sharedSecret(baseKey.privateKey(), bundle.identityKey()),
                X25519.sharedSecret(baseKey.privateKey(), theirSignedPreKey),
                bundle.oneTimePreKey().map(oneTime -> X25519.sharedSecret(baseKey.privateKey(), oneTime.publicKey())));
        RootKdf.Derived initial = RootKdf.fromAgreement(secret);
        // The initiator ratchets at once, against the signed pre-key, so it can send before hearing back.
        RootKdf.Derived sending = RootKdf.ratchet(initial.rootKey(), X25519.sharedSecret(ratchetKey.privateKey(), theirSignedPreKey));
        Session.Origin origin = new Session.Origin(baseKey.publicKey(), true, bundle.registrationId(), bundle.identityKey(), nowMs);
        OptionalInt preKeyId = bundle.oneTimePreKey().map(key -> OptionalInt.of(key.id())).orElse(OptionalInt.empty());
        return new Session(origin, nowMs, OptionalLong.empty(), sending.rootKey(), ratchetKey, theirSignedPreKey, 0,
                Optional.of(sending.chainKey()), List.of(), Optional.of(new PendingPreKey(bundle.signedPreKeyId(), preKeyId)));
    }

    /**
     * Responder: the session a pkmsg asks for. Our signed pre-key serves as our first ratchet key and the
     * initiator's base key as theirs; the first message's new ratchet key then completes the set-up.
     */
    static Session respond(KeyPair ourIdentity, SignedPreKeyPair signedPreKey, Optional<OneTimePreKey> oneTimePreKey,
                           PreKeyWhisperMessage message, long nowMs) {
        byte[] theirBaseKey = message.baseKey();
        KeyPair ourSignedPreKey = signedPreKey.keyPair();
        byte[] secret = masterSecret(
                X25519.sharedSecret(ourSignedPreKey.privateKey(), message.identityKey()),
                X25519.sharedSecret(ourIdentity.privateKey(), theirBaseKey),
                X25519.sharedSecret(ourSignedPreKey.privateKey(), theirBaseKey),
                oneTimePreKey.map(oneTime -> X25519.sharedSecret(oneTime.keyPair().privateKey(), theirBaseKey)));
        RootKdf.Derived initial = RootKdf.fromAgreement(secret);
        Session.Origin origin = new Session.Origin(theirBaseKey, false, message.registrationId(), message.identityKey(), nowMs);
        return new Session(origin, nowMs, OptionalLong.empty(), initial.rootKey(), ourSignedPreKey, theirBaseKey, 0,
                Optional.empty(), List.of(), Optional.empty());
    }

    private static byte[] masterSecret(byte[] first, byte[] second, byte[] third, Optional<byte[]> fourth) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 5);
        out.writeBytes(DISCONTINUITY);
        out.writeBytes(first);
        out.writeBytes(second);
        out.writeBytes(third);
        fourth.ifPresent(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
