package io.wafleet.protocol.signal;

import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.crypto.X25519;
import io.wafleet.protocol.crypto.XEdDsa;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Accounts with random keys, for behaviour the vectors do not reach (bounds, robustness). */
final class FreshAccounts {
    static final int SIGNED_PRE_KEY_ID = 7;

    private FreshAccounts() {}

    static Party create(String user, int preKeys) {
        KeyPair identity = X25519.generateKeyPair();
        InMemorySignalStore store = new InMemorySignalStore(identity, 42);
        KeyPair signed = X25519.generateKeyPair();
        store.addSignedPreKey(new SignedPreKeyPair(SIGNED_PRE_KEY_ID, signed,
                XEdDsa.sign(identity.privateKey(), PublicKeys.encode(signed.publicKey()))));
        for (int id = 1; id <= preKeys; id++) {
            store.addPreKey(new OneTimePreKey(id, X25519.generateKeyPair()));
        }
        Party party = new Party(SignalAddress.phoneNumber(user, 0), store);
        party.keys.switchToRandom();
        party.clock.set(1_000_000L);
        return party;
    }

    /** The bundle a server would hand out for {@code party}, with its lowest one-time pre-key if it has any. */
    static PreKeyBundle bundleOf(Party party) {
        SignedPreKeyPair signed = party.store.loadSignedPreKey(SIGNED_PRE_KEY_ID).orElseThrow();
        Optional<PreKeyBundle.OneTimeKey> oneTime = party.store.preKeyIds().stream().findFirst()
                .map(id -> new PreKeyBundle.OneTimeKey(id, party.store.loadPreKey(id).orElseThrow().keyPair().publicKey()));
        return new PreKeyBundle(party.store.registrationId(), party.address.deviceId(), party.store.identityKeyPair().publicKey(),
                signed.id(), signed.keyPair().publicKey(), signed.signature(), oneTime);
    }

    static byte[] text(String text) {
        return MessagePadding.pad(text.getBytes(StandardCharsets.UTF_8), 4);
    }

    /** Alice builds a session to Bob and both exchange one message, so both sides hold an answered session. */
    static void converse(Party alice, Party bob) {
        alice.cipher.processBundle(bob.address, bundleOf(bob));
        bob.cipher.decrypt(alice.address, alice.cipher.encrypt(bob.address, text("hello")));
        alice.cipher.decrypt(bob.address, bob.cipher.encrypt(alice.address, text("hi")));
    }
}
