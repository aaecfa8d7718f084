package io.wafleet.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.signal.EncryptedMessage;
import io.wafleet.protocol.signal.PreKeyBundle;
import io.wafleet.simulator.messaging.ReceivedMessage;
import io.wafleet.simulator.messaging.SimulatedContact;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Texts between simulated contacts and linked companions, through the simulator's router, on the wire where it exists. */
class MessagingTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final WaSimulator simulator = WaSimulator.start();
    private final TestCompanion keys = new TestCompanion();

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void contactsExchangeTextsBothWaysPkmsgFirstThenMsg() throws Exception {
        SimulatedContact alice = simulator.newContact("+15550101");
        SimulatedContact bob = simulator.newContact("+15550102");

        String first = alice.send(bob.jid(), "hello bob");
        ReceivedMessage received = bob.awaitMessage(WAIT);
        assertThat(received.text()).isEqualTo("hello bob");
        assertThat(received.id()).isEqualTo(first);
        assertThat(received.encryption()).isEqualTo(EncryptedMessage.Type.PKMSG);
        assertThat(received.chat()).isEqualTo(alice.jid());

        bob.send(alice.jid(), "hi alice");
        ReceivedMessage reply = alice.awaitMessage(WAIT);
        assertThat(reply.text()).isEqualTo("hi alice");
        assertThat(reply.encryption()).isEqualTo(EncryptedMessage.Type.MSG);

        alice.send(bob.lid(), "third, addressed by LID");
        ReceivedMessage third = bob.awaitMessage(WAIT);
        assertThat(third.text()).isEqualTo("third, addressed by LID");
        assertThat(third.encryption()).isEqualTo(EncryptedMessage.Type.MSG);

        assertThat(alice.receipts()).extracting(SimulatedContact.DeliveryReceipt::messageId).contains(first);
        assertThat(simulator.stats().decryptFailures()).isZero();
        assertThat(simulator.stats().messagesRouted()).isEqualTo(3);
    }

    @Test
    void aCompanionReceivesFromAContactAndRepliesWithACopyForItsOwnPhone() throws Exception {
        Jid device = keys.pair(simulator, "+15550201");
        SimulatedContact carol = simulator.newContact("+15550202");
        try (SignalCompanion companion = SignalCompanion.login(simulator, keys, device)) {
            companion.uploadPreKeys(1, 5);

            String id = carol.send(device.toNormalizedUser(), "hi companion");
            SignalCompanion.Text text = companion.receive();
            assertThat(text.text()).isEqualTo("hi companion");
            assertThat(text.id()).isEqualTo(id);
            assertThat(text.encryption()).isEqualTo(EncryptedMessage.Type.PKMSG);
            assertThat(text.stanza().attr("from")).contains("15550202@s.whatsapp.net");
            assertThat(text.stanza().attr("notify")).contains(carol.pushName());
            assertThat(companion.next("ack").attr("class")).contains("receipt");

            companion.sendText(carol.jid(), "hi carol", "3EB0AA01");
            Node ack = companion.next("ack");
            assertThat(ack.attrs()).containsEntry("class", "message").containsEntry("id", "3EB0AA01")
                    .containsEntry("from", "15550202@s.whatsapp.net").doesNotContainKey("error");
            ReceivedMessage reply = carol.awaitMessage(WAIT);
            assertThat(reply.text()).isEqualTo("hi carol");
            assertThat(reply.encryption()).isEqualTo(EncryptedMessage.Type.MSG);
            Node receipt = companion.next("receipt");
            assertThat(receipt.attrs()).containsEntry("id", "3EB0AA01").containsEntry("from", "15550202@s.whatsapp.net");

            // The phone is device 0 of the companion's account: it got carol's text too, then the companion's copy.
            List<ReceivedMessage> phoneMessages = simulator.phone("+15550201").orElseThrow().primaryDevice().awaitMessages(2, WAIT);
            assertThat(phoneMessages.getFirst().text()).isEqualTo("hi companion");
            assertThat(phoneMessages.getFirst().fromOwnDevice()).isFalse();
            ReceivedMessage copy = phoneMessages.get(1);
            assertThat(copy.text()).isEqualTo("hi carol");
            assertThat(copy.fromOwnDevice()).isTrue();
            assertThat(copy.chat()).isEqualTo(carol.jid());
            assertThat(copy.encryption()).isEqualTo(EncryptedMessage.Type.PKMSG);

            carol.send(device.toNormalizedUser(), "second");
            SignalCompanion.Text second = companion.receive();
            assertThat(second.text()).isEqualTo("second");
            assertThat(second.encryption()).isEqualTo(EncryptedMessage.Type.MSG);
        }
        assertThat(simulator.stats().decryptFailures()).isZero();
        assertThat(simulator.stats().messagesRejected()).isZero();
    }

    @Test
    void messagesForAnOfflineDeviceAreQueuedAndDeliveredAfterSuccessBeforeTheOfflineCount() throws Exception {
        Jid device = keys.pair(simulator, "+15550301");
        try (SignalCompanion companion = SignalCompanion.login(simulator, keys, device)) {
            companion.uploadPreKeys(1, 5);
        }
        awaitOffline(device);
        SimulatedContact dave = simulator.newContact("+15550302");
        List<String> ids = List.of(dave.send(device.toNormalizedUser(), "one"), dave.send(device.toNormalizedUser(), "two"),
                dave.send(device.toNormalizedUser(), "three"));
        assertThat(simulator.queuedMessages(device)).isEqualTo(3);
        assertThat(simulator.stats().messagesQueued()).isEqualTo(3);

        try (SignalCompanion companion = SignalCompanion.login(simulator, keys, device)) {
            assertThat(List.of(companion.receive().text(), companion.receive().text(), companion.receive().text()))
                    .containsExactly("one", "two", "three");
            Node active = companion.iq(Node.builder("iq").attr("xmlns", "passive").attr("type", "set").child(Node.of("active")));
            assertThat(active.attr("type")).contains("result");
            Node offline = companion.next("ib").child("offline").orElseThrow();
            assertThat(offline.attr("count")).contains("3");
        }
        assertThat(simulator.queuedMessages(device)).isZero();
        assertThat(simulator.stats().offlineMessagesDelivered()).isEqualTo(3);
        assertThat(dave.receipts()).extracting(SimulatedContact.DeliveryReceipt::messageId).containsAll(ids);
    }

    @Test
    void copiesForTheSendersOtherCompanionCarryTheRecipientAndLidAddressesAreRouted() throws Exception {
        Jid first = keys.pair(simulator, "+15550601");
        TestCompanion otherKeys = new TestCompanion();
        Jid second = otherKeys.pair(simulator, "+15550601");
        SimulatedContact frank = simulator.newContact("+15550602");
        try (SignalCompanion sender = SignalCompanion.login(simulator, keys, first);
                SignalCompanion sibling = SignalCompanion.login(simulator, otherKeys, second)) {
            sibling.uploadPreKeys(1, 3);
            sender.knowLid(frank.lid(), frank.jid());
            Jid frankByLid = Jid.of(frank.lid().user(), frank.lid().server(), 0);
            sender.sendText(frank.jid(), "to frank, by lid", "3EB0CC01", frankByLid, List.of(second));
            assertThat(sender.next("ack").attrs()).doesNotContainKey("error");

            assertThat(frank.awaitMessage(WAIT).text()).isEqualTo("to frank, by lid");
            SignalCompanion.Text copy = sibling.receive();
            assertThat(copy.text()).isEqualTo("to frank, by lid");
            assertThat(copy.stanza().attrs()).containsEntry("from", first.toString())
                    .containsEntry("recipient", frank.jid().toString()).doesNotContainKey("notify");
        }
        assertThat(simulator.stats().messagesUndeliverable()).isZero();
    }

    @Test
    void eachOneTimePreKeyIsHandedOutOnce() {
        Jid device = pairAndUpload(2);
        try (SignalCompanion fetcher = SignalCompanion.login(simulator, keys, device)) {
            Jid contact = simulator.newContact("+15550402").jid();
            List<Integer> companionKeys = List.of(oneTimeKeyId(fetcher.fetchBundle(device)), oneTimeKeyId(fetcher.fetchBundle(device)));
            assertThat(companionKeys).containsExactlyInAnyOrder(1, 2);
            assertThat(fetcher.fetchBundle(device).oneTimePreKey()).isEmpty();

            List<Integer> contactKeys = List.of(oneTimeKeyId(fetcher.fetchBundle(contact)), oneTimeKeyId(fetcher.fetchBundle(contact)),
                    oneTimeKeyId(fetcher.fetchBundle(simulator.contact("+15550402").orElseThrow().lid())));
            assertThat(contactKeys).doesNotHaveDuplicates();
        }
    }

    @Test
    void aPkmsgWithoutAValidDeviceIdentityIsRefusedWithAnErrorAck() throws Exception {
        Jid device = keys.pair(simulator, "+15550501");
        SimulatedContact erin = simulator.newContact("+15550502");
        keys.signedIdentity = new byte[] {1, 2, 3};
        try (SignalCompanion companion = SignalCompanion.login(simulator, keys, device)) {
            companion.sendText(erin.jid(), "forged", "3EB0BB01");
            Node ack = companion.next("ack");
            assertThat(ack.attrs()).containsEntry("id", "3EB0BB01").containsEntry("error", "400");
        }
        assertThat(erin.received()).isEmpty();
        assertThat(simulator.stats().messagesRejected()).isEqualTo(1);
    }

    @Test
    void aReceivedTextCarriesTheInstantTheServerAckedItsSender() throws Exception {
        SteppingClock clock = new SteppingClock();
        try (WaSimulator stepping = WaSimulator.builder().clock(clock).start()) {
            Jid device = keys.pair(stepping, "+15550601");
            SimulatedContact frank = stepping.newContact("+15550602");
            try (SignalCompanion companion = SignalCompanion.login(stepping, keys, device)) {
                Instant beforeSend = clock.instant();
                companion.sendText(frank.jid(), "timed", "3EB0CC01");
                Node ack = companion.next("ack");
                Instant afterAck = clock.instant();
                ReceivedMessage received = frank.awaitMessage(WAIT);

                assertThat(received.acceptedAt()).isAfter(beforeSend).isBefore(afterAck).isBefore(received.receivedAt());
                assertThat(ack.attr("t")).contains(Long.toString(received.acceptedAt().getEpochSecond()));
            }
        }
    }

    /** Moves on by a millisecond at every reading, so any two readings are ordered as they were taken. */
    private static final class SteppingClock extends Clock {
        private final AtomicLong millis = new AtomicLong(System.currentTimeMillis());

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.incrementAndGet());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the simulator only reads instants");
        }
    }

    private Jid pairAndUpload(int preKeys) {
        try {
            Jid device = keys.pair(simulator, "+15550401");
            try (SignalCompanion companion = SignalCompanion.login(simulator, keys, device)) {
                companion.uploadPreKeys(1, preKeys);
            }
            awaitOffline(device);
            return device;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static int oneTimeKeyId(PreKeyBundle bundle) {
        return bundle.oneTimePreKey().orElseThrow().id();
    }

    /** The server notices a closed socket asynchronously; wait until the device has no live connection. */
    private void awaitOffline(Jid device) throws InterruptedException {
        for (int i = 0; i < 200 && simulator.device(device).view().connected(); i++) {
            Thread.sleep(25);
        }
        assertThat(simulator.device(device).view().connected()).isFalse();
    }

}
