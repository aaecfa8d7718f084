package io.wafleet.protocol.client.messaging;

import static io.wafleet.protocol.client.messaging.MessagingFixtures.inbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.signal.EncryptedMessage;
import io.wafleet.protocol.signal.KeyPairSource;
import io.wafleet.protocol.signal.MessagePadding;
import io.wafleet.protocol.signal.SignalAddress;
import io.wafleet.protocol.store.AuthState;
import io.wafleet.protocol.store.AuthStore;
import io.wafleet.protocol.store.FileAuthStore;
import io.wafleet.protocol.store.KeyCategory;
import io.wafleet.protocol.store.StateChange;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Receiving in crash-safe order: commit state and plaintext together, hand over, then receipt. */
class MessageReceiverTest {
    private static final String CONTACT = "15550000002@s.whatsapp.net";
    private static final SignalAddress OWN_ADDRESS = SignalAddress.phoneNumber("15550000001", 3);
    private static final SignalAddress CONTACT_ADDRESS = SignalAddress.phoneNumber("15550000002", 0);

    @TempDir
    Path directory;

    private AuthStore store;
    private SignalSessions sessions;
    private MessageReceiver receiver;
    private final List<String> handed = new ArrayList<>();
    private final List<Long> sequenceAtHandOver = new ArrayList<>();
    private final List<Integer> receiptsAtHandOver = new ArrayList<>();
    private final MessagingFixtures.RecordingLink link = new MessagingFixtures.RecordingLink();
    private final MessagingFixtures.Peer contact = new MessagingFixtures.Peer(0);
    private boolean handlerFails;
    private int preKeysConsumed;

    @BeforeEach
    void openAccount() {
        store = MessagingFixtures.pairedStore(directory);
        receiver = receiverOn(store);
        contact.cipher.processBundle(OWN_ADDRESS, MessagingFixtures.ownBundle(store, 3));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void pkmsgIsCommittedWithItsPlaintextInOneChangeThenHandedOverThenReceipted() {
        EncryptedMessage first = contact.encryptText(OWN_ADDRESS, "hello");
        assertThat(first.type()).isEqualTo(EncryptedMessage.Type.PKMSG);
        long before = store.state().sequence();

        receiver.receive(link, inbound("M1", CONTACT, first));

        assertThat(handed).containsExactly("hello");
        // One commit (session, consumed pre-key, identity, inbox record) before the handler; one to mark it handled.
        assertThat(sequenceAtHandOver).containsExactly(before + 1);
        assertThat(receiptsAtHandOver).containsExactly(0);
        assertThat(store.state().sequence()).isEqualTo(before + 2);
        assertThat(store.ids(KeyCategory.PRE_KEY)).isEmpty();
        assertThat(store.read(KeyCategory.IDENTITY, CONTACT_ADDRESS.encoded())).isPresent();
        assertThat(store.ids(KeyCategory.INBOX)).hasSize(1);
        assertThat(preKeysConsumed).isEqualTo(1);
        Node receipt = link.sent("receipt").getFirst();
        assertThat(receipt.attr("id")).contains("M1");
        assertThat(receipt.attr("to")).contains(CONTACT);
        assertThat(receipt.attr("type")).contains("inactive");
    }

    @Test
    void afterOurReplyTheContactSendsMsgAndItDecrypts() {
        receiver.receive(link, inbound("M1", CONTACT, contact.encryptText(OWN_ADDRESS, "hello")));
        EncryptedMessage reply = sessions.transact(cipher -> cipher.encrypt(CONTACT_ADDRESS,
                MessagePadding.padRandomly(MessagePayloads.text("hi back").toByteArray())));
        assertThat(contact.decryptText(OWN_ADDRESS, reply)).isEqualTo("hi back");

        EncryptedMessage second = contact.encryptText(OWN_ADDRESS, "second");
        assertThat(second.type()).isEqualTo(EncryptedMessage.Type.MSG);
        receiver.receive(link, inbound("M2", CONTACT, second));
        assertThat(handed).containsExactly("hello", "second");
    }

    @Test
    void aRedeliveryIsReceiptedWithoutDecryptingOrHandingOverAgain() {
        Node stanza = inbound("M1", CONTACT, contact.encryptText(OWN_ADDRESS, "once"));
        receiver.receive(link, stanza);
        long after = store.state().sequence();

        receiver.receive(link, stanza);

        assertThat(handed).containsExactly("once");
        assertThat(store.state().sequence()).isEqualTo(after);
        assertThat(link.sent("receipt")).hasSize(2).allSatisfy(r -> assertThat(r.attr("type")).contains("inactive"));
    }

    @Test
    void aHandlerThatDidNotFinishGetsTheStoredTextAgainAndOnlyThenTheReceiptGoes() {
        Node stanza = inbound("M1", CONTACT, contact.encryptText(OWN_ADDRESS, "durable"));
        handlerFails = true;
        receiver.receive(link, stanza);
        assertThat(link.sent("receipt")).isEmpty();

        handlerFails = false;
        receiver.receive(link, stanza);

        assertThat(handed).containsExactly("durable", "durable");
        assertThat(link.sent("receipt")).hasSize(1);
    }

    @Test
    void aCommitThatFailsHandsNothingOverSendsNothingAndTheRedeliveryDecrypts() {
        Node stanza = inbound("M1", CONTACT, contact.encryptText(OWN_ADDRESS, "after the disk came back"));
        MessageReceiver failingOnce = receiverOn(new FailingStore(store, 1));

        assertThatThrownBy(() -> failingOnce.receive(link, stanza)).isInstanceOf(IllegalStateException.class);
        assertThat(handed).isEmpty();
        assertThat(link.sent).isEmpty();

        receiver = receiverOn(store);
        receiver.receive(link, stanza);
        assertThat(handed).containsExactly("after the disk came back");
        assertThat(link.sent("receipt")).hasSize(1);
    }

    @Test
    void theSessionContinuesFromTheStoredStateAfterARestart() {
        receiver.receive(link, inbound("M1", CONTACT, contact.encryptText(OWN_ADDRESS, "before")));
        sessions.transact(cipher -> cipher.encrypt(CONTACT_ADDRESS, MessagePadding.padRandomly(MessagePayloads.text("ok").toByteArray())))
                .body();
        store.close();

        store = FileAuthStore.open(directory);
        receiver = receiverOn(store);
        EncryptedMessage after = contact.encryptText(OWN_ADDRESS, "after restart");
        receiver.receive(link, inbound("M2", CONTACT, after));

        assertThat(handed).containsExactly("before", "after restart");
    }

    @Test
    void anUndecryptableMessageGetsRetryReceiptsWithOurKeysFromTheSecondOnAndNoHandOver() {
        EncryptedMessage garbage = new EncryptedMessage(EncryptedMessage.Type.MSG, new byte[] {0x33, 1, 2, 3});
        long before = store.state().sequence();
        receiver.receive(link, inbound("BAD", CONTACT, garbage));
        receiver.receive(link, inbound("BAD", CONTACT, garbage));

        List<Node> retries = link.sent("receipt");
        assertThat(retries).hasSize(2).allSatisfy(r -> assertThat(r.attr("type")).contains("retry"));
        assertThat(retries.get(0).child("retry").flatMap(r -> r.attr("count"))).contains("1");
        assertThat(retries.get(0).child("keys")).isEmpty();
        assertThat(retries.get(1).child("retry").flatMap(r -> r.attr("count"))).contains("2");
        assertThat(retries.get(1).child("keys").flatMap(k -> k.child("skey"))).isPresent();
        assertThat(retries.get(0).child("registration").flatMap(Node::contentBytes).orElseThrow()).hasSize(4);
        assertThat(handed).isEmpty();
        assertThat(store.state().sequence()).isEqualTo(before);
    }

    @Test
    void afterTheLastRetryTheMessageIsAcknowledgedButNotReceipted() {
        EncryptedMessage garbage = new EncryptedMessage(EncryptedMessage.Type.MSG, new byte[] {0x33, 1, 2, 3});
        for (int i = 0; i <= MessageReceiver.MAX_RETRIES; i++) {
            receiver.receive(link, inbound("BAD", CONTACT, garbage));
        }
        assertThat(link.sent("receipt")).hasSize(MessageReceiver.MAX_RETRIES)
                .allSatisfy(r -> assertThat(r.attr("type")).contains("retry"));
        Node ack = link.sent("ack").getFirst();
        assertThat(ack.attrs()).containsEntry("id", "BAD").containsEntry("class", "message").containsEntry("to", CONTACT);
    }

    @Test
    void aStanzaThatIsNotAOneToOneMessageIsAcknowledgedAndDropped() {
        receiver.receive(link, Node.of("message", "id", "G1", "from", "123-456@g.us"));
        assertThat(link.sent("ack")).hasSize(1);
        assertThat(link.sent("receipt")).isEmpty();
        assertThat(handed).isEmpty();
    }

    @Test
    void aSenderLidAttributeMovesTheContactToItsLidAddress() {
        Node plain = inbound("M1", CONTACT, contact.encryptText(OWN_ADDRESS, "lid"));
        Node stanza = Node.builder("message").attrs(plain.attrs()).attr("sender_lid", "200000000000002@lid")
                .children(plain.children()).build();
        receiver.receive(link, stanza);

        assertThat(handed).containsExactly("lid");
        assertThat(store.read(KeyCategory.SESSION, "200000000000002_1.0")).isPresent();
        assertThat(store.read(KeyCategory.SESSION, CONTACT_ADDRESS.encoded())).isEmpty();
        assertThat(Jid.parse(link.sent("receipt").getFirst().attr("to").orElseThrow()).orElseThrow().user())
                .isEqualTo("15550000002");
    }

    /** The account's store, whose next {@code failures} commits fail as a full disk or a crash would. */
    private static final class FailingStore implements AuthStore {
        private final AuthStore delegate;
        private int failures;

        FailingStore(AuthStore delegate, int failures) {
            this.delegate = delegate;
            this.failures = failures;
        }

        @Override
        public AuthState state() {
            return delegate.state();
        }

        @Override
        public Map<String, byte[]> read(KeyCategory category, Collection<String> ids) {
            return delegate.read(category, ids);
        }

        @Override
        public SortedSet<String> ids(KeyCategory category) {
            return delegate.ids(category);
        }

        @Override
        public void apply(StateChange change) {
            if (failures > 0) {
                failures--;
                throw new IllegalStateException("commit failed");
            }
            delegate.apply(change);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    private MessageReceiver receiverOn(AuthStore account) {
        sessions = new SignalSessions(new AuthStoreSignalStore(account), KeyPairSource.random(), InstantSource.system());
        LidMappings lids = new LidMappings(account, sessions);
        MessageSink sink = message -> {
            handed.add(message.text());
            sequenceAtHandOver.add(account.state().sequence());
            receiptsAtHandOver.add(link.sent("receipt").size());
            return handlerFails ? CompletableFuture.failedFuture(new IllegalStateException("handler crashed"))
                    : CompletableFuture.completedFuture(null);
        };
        return new MessageReceiver(account, sessions, lids, new Inbox(account, InstantSource.system()), sink,
                () -> preKeysConsumed++);
    }
}
