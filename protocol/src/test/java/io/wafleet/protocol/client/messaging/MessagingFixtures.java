package io.wafleet.protocol.client.messaging;

import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.crypto.X25519;
import io.wafleet.protocol.crypto.XEdDsa;
import io.wafleet.protocol.signal.EncryptedMessage;
import io.wafleet.protocol.signal.InMemorySignalStore;
import io.wafleet.protocol.signal.KeyPairSource;
import io.wafleet.protocol.signal.MessagePadding;
import io.wafleet.protocol.signal.OneTimePreKey;
import io.wafleet.protocol.signal.PreKeyBundle;
import io.wafleet.protocol.signal.SessionCipher;
import io.wafleet.protocol.signal.SignalAddress;
import io.wafleet.protocol.signal.SignedPreKeyPair;
import io.wafleet.protocol.store.AuthStore;
import io.wafleet.protocol.store.Credentials;
import io.wafleet.protocol.store.FileAuthStore;
import io.wafleet.protocol.store.Me;
import io.wafleet.protocol.store.StateChange;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Accounts, peers and a recording server link for the messaging tests. */
final class MessagingFixtures {
    static final String OWN_DEVICE = "15550000001:3@s.whatsapp.net";
    static final String OWN_LID = "100000000000001:3@lid";

    private MessagingFixtures() {}

    /** A paired account in a fresh file store under {@code directory}. */
    static AuthStore pairedStore(Path directory) {
        AuthStore store = FileAuthStore.open(directory);
        Credentials credentials = Credentials.generate().toBuilder()
                .me(new Me(OWN_DEVICE, Optional.of(OWN_LID), Optional.empty()))
                .account(new byte[] {1, 2, 3})
                .build();
        store.apply(StateChange.of(credentials));
        return store;
    }

    /** Our bundle as the server would hand it out, with one one-time key committed to the store first. */
    static PreKeyBundle ownBundle(AuthStore store, int deviceId) {
        OneTimePreKey key = new PreKeyStock(store, KeyPairSource.random()).prepare(1).keys().getFirst();
        Credentials credentials = store.state().credentials().orElseThrow();
        return new PreKeyBundle(credentials.registrationId(), deviceId, credentials.signedIdentityKey().publicKey(),
                credentials.signedPreKey().id(), credentials.signedPreKey().keyPair().publicKey(),
                credentials.signedPreKey().signature(),
                Optional.of(new PreKeyBundle.OneTimeKey(key.id(), key.keyPair().publicKey())));
    }

    /** Another party with its own Signal store: a contact's device. */
    static final class Peer {
        final InMemorySignalStore store;
        final SessionCipher cipher;
        final SignedPreKeyPair signedPreKey;
        final OneTimePreKey oneTimePreKey;
        final int deviceId;

        Peer(int deviceId) {
            this.deviceId = deviceId;
            KeyPair identity = X25519.generateKeyPair();
            store = new InMemorySignalStore(identity, 4242);
            KeyPair signed = X25519.generateKeyPair();
            signedPreKey = new SignedPreKeyPair(7, signed, XEdDsa.sign(identity.privateKey(), X25519.withTypePrefix(signed.publicKey())));
            oneTimePreKey = new OneTimePreKey(11, X25519.generateKeyPair());
            store.addSignedPreKey(signedPreKey);
            store.addPreKey(oneTimePreKey);
            cipher = new SessionCipher(store, KeyPairSource.random(), InstantSource.system());
        }

        PreKeyBundle bundle() {
            return new PreKeyBundle(4242, deviceId, store.identityKeyPair().publicKey(), signedPreKey.id(),
                    signedPreKey.keyPair().publicKey(), signedPreKey.signature(),
                    Optional.of(new PreKeyBundle.OneTimeKey(oneTimePreKey.id(), oneTimePreKey.keyPair().publicKey())));
        }

        EncryptedMessage encryptText(SignalAddress to, String text) {
            return cipher.encrypt(to, MessagePadding.padRandomly(MessagePayloads.text(text).toByteArray()));
        }

        String decryptText(SignalAddress from, EncryptedMessage message) {
            return MessagePayloads.read(MessagePadding.unpad(cipher.decrypt(from, message))).text().orElseThrow();
        }
    }

    /** An inbound 1:1 message stanza carrying one ciphertext. */
    static Node inbound(String id, String from, EncryptedMessage encrypted) {
        return Node.builder("message").attr("id", id).attr("from", from).attr("t", "1700000000").attr("type", "text")
                .attr("notify", "Alice")
                .child(Node.builder("enc").attr("v", "2").attr("type", encrypted.type().attribute()).bytes(encrypted.body()).build())
                .build();
    }

    /** A server link that records what is sent and answers iqs and messages with what a test scripted. */
    static final class RecordingLink implements ServerLink {
        final List<Node> sent = new ArrayList<>();
        final List<Node> queries = new ArrayList<>();
        java.util.function.Function<Node, Node> answers = iq -> Node.of("iq", "type", "result");

        @Override
        public synchronized CompletableFuture<Node> query(Node iq) {
            queries.add(iq);
            return CompletableFuture.completedFuture(answers.apply(iq));
        }

        @Override
        public synchronized CompletableFuture<Node> sendMessage(Node message) {
            sent.add(message);
            return CompletableFuture.completedFuture(Node.of("ack", "class", "message", "id", message.attr("id").orElseThrow()));
        }

        @Override
        public synchronized void send(Node stanza) {
            sent.add(stanza);
        }

        synchronized List<Node> sent(String tag) {
            return sent.stream().filter(node -> node.tag().equals(tag)).toList();
        }
    }
}
