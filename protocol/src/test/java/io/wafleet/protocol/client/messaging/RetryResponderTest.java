package io.wafleet.protocol.client.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.signal.EncryptedMessage;
import io.wafleet.protocol.signal.KeyPairSource;
import io.wafleet.protocol.signal.MessagePadding;
import io.wafleet.protocol.signal.PreKeyBundle;
import io.wafleet.protocol.signal.SignalAddress;
import io.wafleet.protocol.store.AuthStore;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answering a retry receipt: a fresh session from the keys it carries, the same message again to that device; from
 * the in-memory cache or the owner's record, and only to a device of the chat the message went to (or our own).
 */
class RetryResponderTest {
    private static final Jid CONTACT_DEVICE = Jid.parse("15550000002:2@s.whatsapp.net").orElseThrow();
    private static final Jid CONTACT_LID_DEVICE = Jid.parse("100000000000002:2@lid").orElseThrow();
    private static final Jid STRANGER_DEVICE = Jid.parse("15550000009:2@s.whatsapp.net").orElseThrow();
    private static final Jid OWN_OTHER_DEVICE = Jid.parse("15550000001:5@s.whatsapp.net").orElseThrow();
    private static final SignalAddress US = SignalAddress.phoneNumber("15550000001", 3);

    @TempDir
    Path directory;

    private AuthStore store;
    private LidMappings lids;
    private RetryResponder responder;
    private final SentMessages sent = new SentMessages();
    /** The owner's record of what it sent: here only what the cache does not hold, as after a restart. */
    private final Map<String, SentText> ownerRecord = new HashMap<>();
    private SentTextLookup owner = id -> Optional.ofNullable(ownerRecord.get(id));
    private final MessagingFixtures.RecordingLink link = new MessagingFixtures.RecordingLink();

    @BeforeEach
    void open() {
        store = MessagingFixtures.pairedStore(directory);
        SignalSessions sessions = new SignalSessions(new AuthStoreSignalStore(store), KeyPairSource.random(), InstantSource.system());
        lids = new LidMappings(store, sessions);
        responder = new RetryResponder(store, sessions, lids, sent, id -> owner.find(id),
                Executors.newVirtualThreadPerTaskExecutor());
        sent.remember("3EB0RETRY", CONTACT_DEVICE.toNormalizedUser(), MessagePayloads.text("again"));
        ownerRecord.put("3EB0STORED", new SentText("15550000002@s.whatsapp.net", "sent before the restart"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theDeviceThatLostItsSessionGetsTheMessageOnAFreshOne() {
        MessagingFixtures.Peer reinstalled = new MessagingFixtures.Peer(2);
        responder.answer(link, retryReceipt(CONTACT_DEVICE, "3EB0RETRY", 2, reinstalled.bundle())).join();

        Node resend = link.sent("message").getFirst();
        assertThat(resend.attr("id")).contains("3EB0RETRY");
        assertThat(resend.attr("to")).contains(CONTACT_DEVICE.toString());
        assertThat(resend.child("enc").orElseThrow().attr("count")).contains("2");
        assertThat(reinstalled.decryptText(US, encrypted(resend))).isEqualTo("again");
    }

    @Test
    void aMessageTheCacheDoesNotHoldIsAnsweredFromTheOwnersRecord() {
        MessagingFixtures.Peer device = new MessagingFixtures.Peer(2);
        responder.answer(link, retryReceipt(CONTACT_DEVICE, "3EB0STORED", 1, device.bundle())).join();

        Node resend = link.sent("message").getFirst();
        assertThat(resend.attr("id")).contains("3EB0STORED");
        assertThat(resend.attr("to")).contains(CONTACT_DEVICE.toString());
        assertThat(device.decryptText(US, encrypted(resend))).isEqualTo("sent before the restart");
    }

    @Test
    void theChatsDeviceIsRecognisedUnderItsLidToo() {
        lids.learn(CONTACT_DEVICE.toNormalizedUser(), CONTACT_LID_DEVICE.toNormalizedUser());
        MessagingFixtures.Peer device = new MessagingFixtures.Peer(2);
        responder.answer(link, retryReceipt(CONTACT_LID_DEVICE, "3EB0STORED", 1, device.bundle())).join();

        Node resend = link.sent("message").getFirst();
        assertThat(resend.attr("to")).contains(CONTACT_LID_DEVICE.toString());
        assertThat(device.decryptText(US, encrypted(resend))).isEqualTo("sent before the restart");
    }

    @Test
    void ourOwnOtherDeviceGetsTheCopyNamingTheChat() {
        MessagingFixtures.Peer ownDevice = new MessagingFixtures.Peer(5);
        responder.answer(link, retryReceipt(OWN_OTHER_DEVICE, "3EB0STORED", 1, ownDevice.bundle())).join();

        Node resend = link.sent("message").getFirst();
        assertThat(resend.attr("to")).contains(OWN_OTHER_DEVICE.toString());
        MessagePayloads.Content copy = MessagePayloads.read(MessagePadding.unpad(
                ownDevice.cipher.decrypt(US, encrypted(resend))));
        assertThat(copy.text()).contains("sent before the restart");
        assertThat(copy.destination()).contains("15550000002@s.whatsapp.net");
    }

    @Test
    void aRetryNamingAnotherChatsMessageIsRefusedWhereverTheMessageIsKept() {
        MessagingFixtures.Peer stranger = new MessagingFixtures.Peer(2);
        responder.answer(link, retryReceipt(STRANGER_DEVICE, "3EB0RETRY", 1, stranger.bundle())).join();
        responder.answer(link, retryReceipt(STRANGER_DEVICE, "3EB0STORED", 1, stranger.bundle())).join();
        assertThat(link.sent).isEmpty();
        assertThat(link.queries).isEmpty();
    }

    @Test
    void unknownMessagesAndTooManyRetriesAreNotAnswered() {
        MessagingFixtures.Peer peer = new MessagingFixtures.Peer(2);
        responder.answer(link, retryReceipt(CONTACT_DEVICE, "3EB0UNKNOWN", 1, peer.bundle())).join();
        responder.answer(link, retryReceipt(CONTACT_DEVICE, "3EB0RETRY", MessageReceiver.MAX_RETRIES + 1, peer.bundle())).join();
        responder.answer(link, retryReceipt(CONTACT_DEVICE, "3EB0STORED", MessageReceiver.MAX_RETRIES + 1, peer.bundle())).join();
        assertThat(link.sent).isEmpty();
    }

    @Test
    void aFailingOwnerLookupLeavesTheRetryUnansweredAndTheResponderWorking() {
        owner = id -> {
            throw new IllegalStateException("the owner's store is down");
        };
        MessagingFixtures.Peer device = new MessagingFixtures.Peer(2);
        responder.answer(link, retryReceipt(CONTACT_DEVICE, "3EB0STORED", 1, device.bundle())).join();
        assertThat(link.sent).isEmpty();

        responder.answer(link, retryReceipt(CONTACT_DEVICE, "3EB0RETRY", 1, device.bundle())).join();
        assertThat(device.decryptText(US, encrypted(link.sent("message").getFirst()))).isEqualTo("again");
    }

    private static EncryptedMessage encrypted(Node resend) {
        Node enc = resend.child("enc").orElseThrow();
        return new EncryptedMessage(EncryptedMessage.Type.fromAttribute(enc.attr("type").orElseThrow()),
                enc.contentBytes().orElseThrow());
    }

    private static Node retryReceipt(Jid from, String id, int count, PreKeyBundle keys) {
        Node user = MessageSenderTest.bundleNode(from.toString(), keys);
        List<Node> keyElements = user.children().stream().filter(n -> !n.tag().equals("registration")).toList();
        return Node.builder("receipt").attr("id", id).attr("from", from.toString()).attr("type", "retry")
                .child(Node.of("retry", "count", Integer.toString(count), "id", id, "t", "1700000000", "v", "1"))
                .child(Node.builder("registration").bytes(KeyNodes.fourBytes(keys.registrationId())).build())
                .child(Node.builder("keys").children(keyElements).build())
                .build();
    }
}
