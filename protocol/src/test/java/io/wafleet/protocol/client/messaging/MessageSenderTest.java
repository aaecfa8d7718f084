package io.wafleet.protocol.client.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.signal.EncryptedMessage;
import io.wafleet.protocol.signal.KeyPairSource;
import io.wafleet.protocol.signal.MessagePadding;
import io.wafleet.protocol.signal.PreKeyBundle;
import io.wafleet.protocol.signal.SignalAddress;
import io.wafleet.protocol.store.AuthStore;
import io.wafleet.protocol.store.KeyCategory;
import io.wafleet.protocol.store.StateChange;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sending: device lists, bundles, one ciphertext per device, the stanza, the copy for our own phone. */
class MessageSenderTest {
    private static final Jid CONTACT = Jid.parse("15550000002@s.whatsapp.net").orElseThrow();
    private static final SignalAddress US_SEEN_BY_PEERS = SignalAddress.phoneNumber("15550000001", 3);

    @TempDir
    Path directory;

    private AuthStore store;
    private MessageSender sender;
    private final MessagingFixtures.Peer contact = new MessagingFixtures.Peer(0);
    private final MessagingFixtures.Peer ownPhone = new MessagingFixtures.Peer(0);
    private final MessagingFixtures.RecordingLink link = new MessagingFixtures.RecordingLink();

    @BeforeEach
    void setUp() {
        store = MessagingFixtures.pairedStore(directory);
        SignalSessions sessions = new SignalSessions(new AuthStoreSignalStore(store), KeyPairSource.random(), InstantSource.system());
        LidMappings lids = new LidMappings(store, sessions);
        sender = new MessageSender(store, sessions, lids, new DeviceLists(lids, InstantSource.system()), new SentMessages(),
                Executors.newVirtualThreadPerTaskExecutor());
        link.answers = this::answer;
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void fansOutToTheContactAndOurPhoneWithDeviceIdentityOnPkmsg() {
        SentMessage sent = sender.sendText(link, CONTACT, "hello", "3EB0AAAA").join();

        assertThat(sent.devices()).isEqualTo(2);
        Node message = link.sent("message").getFirst();
        assertThat(message.attr("to")).contains(CONTACT.toString());
        assertThat(message.attr("type")).contains("text");
        List<Node> participants = message.child("participants").orElseThrow().childrenByTag("to");
        assertThat(participants).extracting(p -> p.attr("jid").orElseThrow())
                .containsExactlyInAnyOrder("15550000002@s.whatsapp.net", "15550000001@s.whatsapp.net");
        assertThat(message.child("device-identity").flatMap(Node::contentBytes).orElseThrow()).containsExactly(1, 2, 3);

        assertThat(contact.decryptText(US_SEEN_BY_PEERS, enc(participants, "15550000002@s.whatsapp.net"))).isEqualTo("hello");
        byte[] phoneCopy = MessagePadding.unpad(ownPhone.cipher.decrypt(US_SEEN_BY_PEERS, enc(participants, "15550000001@s.whatsapp.net")));
        MessagePayloads.Content content = MessagePayloads.read(phoneCopy);
        assertThat(content.text()).contains("hello");
        assertThat(content.destination()).contains(CONTACT.toString());
    }

    @Test
    void sessionsAreKeptUnderTheLidTheDeviceListTaughtAndReused() {
        sender.sendText(link, CONTACT, "one", "3EB0AAAA").join();
        sender.sendText(link, CONTACT, "two", "3EB0BBBB").join();

        assertThat(store.read(KeyCategory.SESSION, "200000000000002_1.0")).isPresent();
        assertThat(store.read(KeyCategory.SESSION, "15550000002.0")).isEmpty();
        assertThat(link.queries).filteredOn(q -> q.child("key").isPresent()).hasSize(1);
        assertThat(link.queries).filteredOn(q -> q.attr("xmlns").filter("usync"::equals).isPresent()).hasSize(1);
        List<Node> participants = link.sent("message").get(1).child("participants").orElseThrow().childrenByTag("to");
        assertThat(participants).hasSize(2);
        // The contact has not answered yet, so the session still introduces itself with a pkmsg.
        assertThat(enc(participants, "15550000002@s.whatsapp.net").type()).isEqualTo(EncryptedMessage.Type.PKMSG);
    }

    @Test
    void aDeviceWithoutSessionAmongKnownOnesGetsItsBundleFetchedAndEveryDeviceItsCiphertext() {
        sender.sendText(link, CONTACT, "one", "3EB0AAAA").join();
        store.apply(StateChange.builder().delete(KeyCategory.SESSION, "15550000001.0").build());

        sender.sendText(link, CONTACT, "two", "3EB0BBBB").join();

        List<Node> bundleQueries = link.queries.stream().filter(q -> q.child("key").isPresent()).toList();
        assertThat(bundleQueries).hasSize(2);
        assertThat(bundleQueries.get(1).child("key").orElseThrow().childrenByTag("user"))
                .extracting(user -> user.attr("jid").orElseThrow()).containsExactly("15550000001@s.whatsapp.net");
        List<Node> first = link.sent("message").get(0).child("participants").orElseThrow().childrenByTag("to");
        List<Node> second = link.sent("message").get(1).child("participants").orElseThrow().childrenByTag("to");
        assertThat(contact.decryptText(US_SEEN_BY_PEERS, enc(first, "15550000002@s.whatsapp.net"))).isEqualTo("one");
        assertThat(contact.decryptText(US_SEEN_BY_PEERS, enc(second, "15550000002@s.whatsapp.net"))).isEqualTo("two");
        byte[] phoneCopy = MessagePadding.unpad(ownPhone.cipher.decrypt(US_SEEN_BY_PEERS, enc(second, "15550000001@s.whatsapp.net")));
        assertThat(MessagePayloads.read(phoneCopy).text()).contains("two");
    }

    @Test
    void aRecipientWithoutAnyReachableDeviceFailsTheSend() {
        link.answers = iq -> iq.child("key").isPresent()
                ? Node.builder("iq").attr("type", "result").child(Node.builder("list").children(List.of()).build()).build()
                : answer(iq);
        assertThatThrownBy(() -> sender.sendText(link, CONTACT, "lost", "3EB0CCCC").join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(MessagingException.class);
        assertThat(link.sent("message")).isEmpty();
    }

    @Test
    void groupsAreRefused() {
        assertThat(sender.sendText(link, Jid.parse("123-456@g.us").orElseThrow(), "x", "3EB0DDDD"))
                .isCompletedExceptionally();
    }

    private static EncryptedMessage enc(List<Node> participants, String jid) {
        Node enc = participants.stream().filter(p -> p.attr("jid").orElseThrow().equals(jid)).findFirst().orElseThrow()
                .child("enc").orElseThrow();
        assertThat(enc.attr("v")).contains("2");
        return new EncryptedMessage(EncryptedMessage.Type.fromAttribute(enc.attr("type").orElseThrow()), enc.contentBytes().orElseThrow());
    }

    private Node answer(Node iq) {
        if (iq.attr("xmlns").filter("usync"::equals).isPresent()) {
            return Node.builder("iq").attr("type", "result").child(Node.builder("usync").child(Node.builder("list")
                    .child(Node.builder("user").attr("jid", "15550000002@s.whatsapp.net")
                            .child(devices(Node.of("device", "id", "0")))
                            .child(Node.of("lid", "val", "200000000000002@lid")).build())
                    .child(Node.builder("user").attr("jid", "15550000001@s.whatsapp.net")
                            .child(devices(Node.of("device", "id", "0"), Node.of("device", "id", "3", "key-index", "1"),
                                    Node.of("device", "id", "4")))
                            .build())
                    .build()).build()).build();
        }
        if (iq.child("key").isPresent()) {
            List<Node> users = new ArrayList<>();
            for (Node user : iq.child("key").orElseThrow().childrenByTag("user")) {
                String jid = user.attr("jid").orElseThrow();
                MessagingFixtures.Peer peer = jid.startsWith("15550000002") ? contact : ownPhone;
                users.add(bundleNode(jid, peer.bundle()));
            }
            return Node.builder("iq").attr("type", "result").child(Node.builder("list").children(users).build()).build();
        }
        return Node.of("iq", "type", "result");
    }

    private static Node devices(Node... devices) {
        return Node.builder("devices").child(Node.builder("device-list").children(List.of(devices)).build()).build();
    }

    static Node bundleNode(String jid, PreKeyBundle bundle) {
        Node.Builder user = Node.builder("user").attr("jid", jid)
                .child(Node.builder("registration").bytes(KeyNodes.fourBytes(bundle.registrationId())).build())
                .child(Node.builder("type").bytes(new byte[] {5}).build())
                .child(Node.builder("identity").bytes(bundle.identityKey()).build())
                .child(Node.builder("skey")
                        .child(Node.builder("id").bytes(KeyNodes.threeBytes(bundle.signedPreKeyId())).build())
                        .child(Node.builder("value").bytes(bundle.signedPreKey()).build())
                        .child(Node.builder("signature").bytes(bundle.signedPreKeySignature()).build())
                        .build());
        bundle.oneTimePreKey().ifPresent(key -> user.child(Node.builder("key")
                .child(Node.builder("id").bytes(KeyNodes.threeBytes(key.id())).build())
                .child(Node.builder("value").bytes(key.publicKey()).build())
                .build()));
        return user.build();
    }
}
