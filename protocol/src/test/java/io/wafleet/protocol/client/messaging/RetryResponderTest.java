package io.wafleet.protocol.client.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.signal.EncryptedMessage;
import io.wafleet.protocol.signal.KeyPairSource;
import io.wafleet.protocol.signal.PreKeyBundle;
import io.wafleet.protocol.signal.SignalAddress;
import io.wafleet.protocol.store.AuthStore;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Answering a retry receipt: a fresh session from the keys it carries, the same message again to that device. */
class RetryResponderTest {
    private static final Jid CONTACT_DEVICE = Jid.parse("15550000002:2@s.whatsapp.net").orElseThrow();
    private static final SignalAddress US = SignalAddress.phoneNumber("15550000001", 3);

    @TempDir
    Path directory;

    private AuthStore store;
    private RetryResponder responder;
    private final SentMessages sent = new SentMessages();
    private final MessagingFixtures.RecordingLink link = new MessagingFixtures.RecordingLink();

    @BeforeEach
    void open() {
        store = MessagingFixtures.pairedStore(directory);
        SignalSessions sessions = new SignalSessions(new AuthStoreSignalStore(store), KeyPairSource.random(), InstantSource.system());
        responder = new RetryResponder(store, sessions, new LidMappings(store, sessions), sent,
                Executors.newVirtualThreadPerTaskExecutor());
        sent.remember("3EB0RETRY", CONTACT_DEVICE.toNormalizedUser(), MessagePayloads.text("again"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theDeviceThatLostItsSessionGetsTheMessageOnAFreshOne() {
        MessagingFixtures.Peer reinstalled = new MessagingFixtures.Peer(2);
        responder.answer(link, retryReceipt("3EB0RETRY", 2, reinstalled.bundle())).join();

        Node resend = link.sent("message").getFirst();
        assertThat(resend.attr("id")).contains("3EB0RETRY");
        assertThat(resend.attr("to")).contains(CONTACT_DEVICE.toString());
        Node enc = resend.child("enc").orElseThrow();
        assertThat(enc.attr("count")).contains("2");
        EncryptedMessage message = new EncryptedMessage(EncryptedMessage.Type.fromAttribute(enc.attr("type").orElseThrow()),
                enc.contentBytes().orElseThrow());
        assertThat(reinstalled.decryptText(US, message)).isEqualTo("again");
    }

    @Test
    void unknownMessagesAndTooManyRetriesAreNotAnswered() {
        MessagingFixtures.Peer peer = new MessagingFixtures.Peer(2);
        responder.answer(link, retryReceipt("3EB0UNKNOWN", 1, peer.bundle())).join();
        responder.answer(link, retryReceipt("3EB0RETRY", MessageReceiver.MAX_RETRIES + 1, peer.bundle())).join();
        assertThat(link.sent).isEmpty();
    }

    private static Node retryReceipt(String id, int count, PreKeyBundle keys) {
        Node user = MessageSenderTest.bundleNode(CONTACT_DEVICE.toString(), keys);
        List<Node> keyElements = user.children().stream().filter(n -> !n.tag().equals("registration")).toList();
        return Node.builder("receipt").attr("id", id).attr("from", CONTACT_DEVICE.toString()).attr("type", "retry")
                .child(Node.of("retry", "count", Integer.toString(count), "id", id, "t", "1700000000", "v", "1"))
                .child(Node.builder("registration").bytes(KeyNodes.fourBytes(keys.registrationId())).build())
                .child(Node.builder("keys").children(keyElements).build())
                .build();
    }
}
