package io.wafleet.protocol.client.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wafleet.protocol.signal.EncryptedMessage;
import io.wafleet.protocol.signal.KeyPairSource;
import io.wafleet.protocol.signal.SessionCipher;
import io.wafleet.protocol.signal.SignalAddress;
import io.wafleet.protocol.signal.SignalException;
import io.wafleet.protocol.store.AuthStore;
import io.wafleet.protocol.store.Credentials;
import io.wafleet.protocol.store.FileAuthStore;
import io.wafleet.protocol.store.KeyCategory;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AuthStore-backed Signal store: where records live, and that each operation is one atomic change. */
class AuthStoreSignalStoreTest {
    private static final SignalAddress US = SignalAddress.phoneNumber("15550000001", 3);
    private static final SignalAddress PEER = SignalAddress.phoneNumber("15550000002", 0);

    @TempDir
    Path directory;

    private AuthStore store;
    private AuthStoreSignalStore signalStore;
    private final MessagingFixtures.Peer peer = new MessagingFixtures.Peer(0);

    @BeforeEach
    void open() {
        store = MessagingFixtures.pairedStore(directory);
        signalStore = new AuthStoreSignalStore(store);
        peer.cipher.processBundle(US, MessagingFixtures.ownBundle(store, 3));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aPkmsgLandsAsOneChangeWithSessionConsumedPreKeyAndIdentity() {
        SessionCipher cipher = new SessionCipher(signalStore, KeyPairSource.random(), InstantSource.system());
        long before = store.state().sequence();

        cipher.decrypt(PEER, peer.encryptText(US, "x"));

        assertThat(store.state().sequence()).isEqualTo(before + 1);
        assertThat(store.read(KeyCategory.SESSION, PEER.encoded())).isPresent();
        assertThat(store.ids(KeyCategory.PRE_KEY)).isEmpty();
        assertThat(signalStore.peerIdentity(PEER)).contains(peer.store.identityKeyPair().publicKey());
    }

    @Test
    void aRefusedMessageWritesNothing() {
        SessionCipher cipher = new SessionCipher(signalStore, KeyPairSource.random(), InstantSource.system());
        EncryptedMessage pkmsg = peer.encryptText(US, "x");
        byte[] tampered = pkmsg.body();
        tampered[tampered.length - 1] ^= 1;
        long before = store.state().sequence();

        assertThatThrownBy(() -> cipher.decrypt(PEER, new EncryptedMessage(pkmsg.type(), tampered)))
                .isInstanceOf(SignalException.class);

        assertThat(store.state().sequence()).isEqualTo(before);
        assertThat(store.ids(KeyCategory.PRE_KEY)).hasSize(1);
        assertThat(store.ids(KeyCategory.SESSION)).isEmpty();
    }

    @Test
    void aTransactionWritesSignalChangesAndTheCallersRecordsTogetherOrNotAtAll() {
        SignalSessions sessions = new SignalSessions(signalStore, KeyPairSource.random(), InstantSource.system());
        EncryptedMessage pkmsg = peer.encryptText(US, "x");
        long before = store.state().sequence();

        assertThatThrownBy(() -> sessions.transact(cipher -> {
            cipher.decrypt(PEER, pkmsg);
            throw new IllegalStateException("crash after decrypt, before commit");
        }, (value, change) -> { })).isInstanceOf(IllegalStateException.class);
        assertThat(store.state().sequence()).isEqualTo(before);
        assertThat(store.ids(KeyCategory.SESSION)).isEmpty();

        sessions.transact(cipher -> cipher.decrypt(PEER, pkmsg),
                (plaintext, change) -> change.put(KeyCategory.INBOX, "peer/1", plaintext));
        assertThat(store.state().sequence()).isEqualTo(before + 1);
        assertThat(store.read(KeyCategory.INBOX, "peer/1")).isPresent();
        assertThat(store.read(KeyCategory.SESSION, PEER.encoded())).isPresent();
    }

    @Test
    void theStateSurvivesReopeningTheStore() {
        new SessionCipher(signalStore, KeyPairSource.random(), InstantSource.system()).decrypt(PEER, peer.encryptText(US, "x"));
        store.close();
        store = FileAuthStore.open(directory);
        signalStore = new AuthStoreSignalStore(store);

        assertThat(signalStore.loadSession(PEER)).isPresent();
        assertThat(signalStore.peerIdentity(PEER)).isPresent();
    }

    @Test
    void onlyTheCurrentSignedPreKeyIsKnown() {
        Credentials credentials = store.state().credentials().orElseThrow();
        int current = credentials.signedPreKey().id();
        assertThat(signalStore.loadSignedPreKey(current)).isPresent();
        assertThat(signalStore.loadSignedPreKey(current + 1)).isEmpty();
        assertThat(signalStore.identityKeyPair()).isEqualTo(credentials.signedIdentityKey());
        assertThat(signalStore.registrationId()).isEqualTo(credentials.registrationId());
    }
}
