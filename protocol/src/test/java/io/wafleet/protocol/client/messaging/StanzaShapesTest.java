package io.wafleet.protocol.client.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wafleet.protocol.binary.BinaryNodes;
import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.signal.EncryptedMessage;
import io.wafleet.protocol.signal.PreKeyBundle;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The stanzas of the 1:1 path, built and read, including what the binary codec makes of them. */
class StanzaShapesTest {
    private static final Jid CONTACT = Jid.parse("15550000002@s.whatsapp.net").orElseThrow();
    private static final EncryptedMessage PKMSG = new EncryptedMessage(EncryptedMessage.Type.PKMSG, new byte[] {0x33, 1});
    private static final EncryptedMessage MSG = new EncryptedMessage(EncryptedMessage.Type.MSG, new byte[] {0x33, 2});

    @Test
    void outboundCarriesDeviceIdentityOnlyWithAPkmsgAndSurvivesTheCodec() {
        Node withPkmsg = MessageStanzas.outbound("3EB0X", CONTACT,
                List.of(new MessageStanzas.DeviceCiphertext(CONTACT, PKMSG),
                        new MessageStanzas.DeviceCiphertext(Jid.parse("15550000001@s.whatsapp.net").orElseThrow(), MSG)),
                Optional.of(new byte[] {9}));
        Node decoded = BinaryNodes.decode(BinaryNodes.encode(withPkmsg));
        assertThat(decoded.attr("id")).contains("3EB0X");
        assertThat(decoded.child("participants").orElseThrow().childrenByTag("to")).hasSize(2);
        assertThat(decoded.child("device-identity").flatMap(Node::contentBytes).orElseThrow()).containsExactly(9);
        Node enc = decoded.child("participants").orElseThrow().children().getFirst().child("enc").orElseThrow();
        assertThat(enc.attrs()).isEqualTo(Map.of("v", "2", "type", "pkmsg"));

        Node onlyMsg = MessageStanzas.outbound("3EB0Y", CONTACT, List.of(new MessageStanzas.DeviceCiphertext(CONTACT, MSG)),
                Optional.of(new byte[] {9}));
        assertThat(onlyMsg.child("device-identity")).isEmpty();
    }

    @Test
    void aResendGoesToTheOneDeviceWithTheRetryCount() {
        Node resend = MessageStanzas.resend("3EB0X", CONTACT.withDevice(2), PKMSG, 2, Optional.of(new byte[] {9}));
        assertThat(resend.attr("to")).contains("15550000002:2@s.whatsapp.net");
        assertThat(resend.child("enc").orElseThrow().attr("count")).contains("2");
        assertThat(resend.child("participants")).isEmpty();
        assertThat(resend.child("device-identity")).isPresent();
    }

    @Test
    void receiptsNameTheMessageAndTheSender() {
        InboundStanza stanza = InboundStanza.parse(MessagingFixtures.inbound("M1", "15550000002:4@s.whatsapp.net", MSG));
        assertThat(stanza.pushName()).contains("Alice");
        assertThat(stanza.timestamp()).isEqualTo(1_700_000_000L);
        assertThat(MessageStanzas.deliveryReceipt(stanza, false).attrs())
                .isEqualTo(Map.of("id", "M1", "to", "15550000002:4@s.whatsapp.net", "type", "inactive"));
        Node retry = MessageStanzas.retryReceipt(stanza, 1, 0x1234, Optional.empty());
        assertThat(retry.attr("type")).contains("retry");
        assertThat(retry.child("retry").orElseThrow().attrs())
                .isEqualTo(Map.of("count", "1", "id", "M1", "t", "1700000000", "v", "1"));
        assertThat(retry.child("registration").flatMap(Node::contentBytes).orElseThrow()).containsExactly(0, 0, 0x12, 0x34);
    }

    @Test
    void stanzasThatAreNotOneToOneAreRefused() {
        assertThatThrownBy(() -> InboundStanza.parse(MessagingFixtures.inbound("M1", "123-456@g.us", MSG)))
                .isInstanceOf(MessagingException.class);
        assertThatThrownBy(() -> InboundStanza.parse(Node.of("message", "from", "1@s.whatsapp.net")))
                .isInstanceOf(MessagingException.class);
    }

    @Test
    void usyncKeepsPrimaryAndVouchedCompanionsAndReadsTheLid() {
        Node reply = Node.builder("iq").attr("type", "result").child(Node.builder("usync").child(Node.builder("list")
                .child(Node.builder("user").attr("jid", "15550000002@s.whatsapp.net")
                        .child(Node.builder("devices").child(Node.builder("device-list")
                                .child(Node.of("device", "id", "0"))
                                .child(Node.of("device", "id", "5", "key-index", "2"))
                                .child(Node.of("device", "id", "6"))
                                .child(Node.of("device", "id", "x", "key-index", "1"))
                                .build()).build())
                        .child(Node.of("lid", "val", "200000000000002@lid"))
                        .build())
                .build()).build()).build();
        Usync.UserDevices user = Usync.parse(reply).getFirst();
        assertThat(user.deviceIds()).containsExactly(0, 5);
        assertThat(user.lid()).contains(Jid.parse("200000000000002@lid").orElseThrow());

        Node query = Usync.query("s1", List.of(CONTACT));
        assertThat(query.attr("xmlns")).contains("usync");
        Node usync = query.child("usync").orElseThrow();
        assertThat(usync.attr("context")).contains("message");
        assertThat(usync.child("query").orElseThrow().children()).extracting(Node::tag).containsExactly("devices", "lid");
    }

    @Test
    void bundlesAreReadAndAnErroredUserIsLeftOut() {
        MessagingFixtures.Peer peer = new MessagingFixtures.Peer(3);
        Node reply = Node.builder("iq").attr("type", "result").child(Node.builder("list")
                .child(MessageSenderTest.bundleNode("15550000002:3@s.whatsapp.net", peer.bundle()))
                .child(Node.builder("user").attr("jid", "15550000009@s.whatsapp.net")
                        .child(Node.of("error", "code", "404", "text", "item-not-found")).build())
                .build()).build();
        Map<String, PreKeyBundle> bundles = KeyNodes.parseBundles(reply);
        assertThat(bundles).containsOnlyKeys("15550000002:3@s.whatsapp.net");
        assertThat(bundles.get("15550000002:3@s.whatsapp.net")).isEqualTo(peer.bundle());
    }

    @Test
    void malformedBundlesAndErrorAnswersAreMessagingExceptions() {
        Node shortIdentity = Node.builder("user").child(Node.builder("identity").bytes(new byte[5]).build())
                .child(Node.builder("skey").build()).build();
        assertThatThrownBy(() -> KeyNodes.bundle(shortIdentity, 0)).isInstanceOf(MessagingException.class);
        assertThatThrownBy(() -> KeyNodes.bundle(Node.of("user"), 0)).isInstanceOf(MessagingException.class);
        Node error = Node.builder("iq").attr("type", "error").child(Node.of("error", "code", "500", "text", "x")).build();
        assertThatThrownBy(() -> KeyNodes.parseBundles(error)).isInstanceOf(MessagingException.class).hasMessageContaining("500");
        assertThatThrownBy(() -> KeyNodes.parseCount(Node.builder("iq").attr("type", "result")
                .child(Node.of("count", "value", "many")).build())).isInstanceOf(MessagingException.class);
    }

    @Test
    void messagePayloadsReadPlainExtendedAndDeviceSentText() {
        assertThat(MessagePayloads.read(MessagePayloads.text("a").toByteArray()).text()).contains("a");
        byte[] extended = io.wafleet.protocol.proto.Message.newBuilder()
                .setExtendedTextMessage(io.wafleet.protocol.proto.Message.ExtendedTextMessage.newBuilder().setText("b"))
                .build().toByteArray();
        assertThat(MessagePayloads.read(extended).text()).contains("b");
        MessagePayloads.Content copy = MessagePayloads.read(
                MessagePayloads.forOwnDevices(MessagePayloads.text("c"), "15550000002@s.whatsapp.net").toByteArray());
        assertThat(copy.text()).contains("c");
        assertThat(copy.destination()).contains("15550000002@s.whatsapp.net");
        assertThatThrownBy(() -> MessagePayloads.read(new byte[] {(byte) 0xFF})).isInstanceOf(MessagingException.class);
    }
}
