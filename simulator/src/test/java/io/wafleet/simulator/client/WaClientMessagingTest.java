package io.wafleet.simulator.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.wafleet.protocol.client.ClientEvent;
import io.wafleet.protocol.client.WaClient;
import io.wafleet.protocol.client.messaging.InboundText;
import io.wafleet.protocol.client.messaging.MessageIds;
import io.wafleet.protocol.client.messaging.SentMessage;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.signal.EncryptedMessage;
import io.wafleet.protocol.store.AuthStore;
import io.wafleet.protocol.store.Credentials;
import io.wafleet.protocol.store.FileAuthStore;
import io.wafleet.protocol.store.KeyCategory;
import io.wafleet.protocol.store.StateChange;
import io.wafleet.simulator.messaging.ReceivedMessage;
import io.wafleet.simulator.messaging.SimulatedContact;
import io.wafleet.simulator.phone.SimulatedPhone;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Java client's 1:1 text against the simulator's Signal contacts: both ways, across restarts, offline. */
class WaClientMessagingTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** 64 KiB of text: larger than every HTTP client buffer. */
    private static final String LONG_TEXT = "0123456789abcdefghijklmnopqrstuvwxyz".repeat(1 + 64 * 1024 / 36).substring(0, 64 * 1024);

    @RegisterExtension
    final SimulatorClients clients = new SimulatorClients();

    @Test
    void sendsToAContactWithACopyForOurPhoneAndTheContactAnswersWithMsg() throws Exception {
        Account account = pairedAccount("+15550003001");
        SimulatedContact alice = clients.simulator().newContact("+15550003002");

        String id = account.client().messageIds().next();
        SentMessage sent = account.client().sendText(alice.jid().toString(), "hello alice", id).get(10, TimeUnit.SECONDS);
        assertThat(sent.id()).isEqualTo(id);
        assertThat(MessageIds.looksGenerated(id)).isTrue();

        ReceivedMessage atAlice = alice.awaitMessage(WAIT);
        assertThat(atAlice.text()).isEqualTo("hello alice");
        assertThat(atAlice.id()).isEqualTo(id);
        assertThat(atAlice.encryption()).isEqualTo(EncryptedMessage.Type.PKMSG);
        ReceivedMessage atOurPhone = account.phone().primaryDevice().awaitMessage(WAIT);
        assertThat(atOurPhone.fromOwnDevice()).isTrue();
        assertThat(atOurPhone.chat()).isEqualTo(alice.jid());
        assertThat(atOurPhone.text()).isEqualTo("hello alice");
        ClientEvent.ReceiptReceived delivered = account.events().next(ClientEvent.ReceiptReceived.class);
        assertThat(delivered.messageIds()).containsExactly(id);
        assertThat(delivered.from()).isEqualTo(alice.jid().toString());

        String replyId = alice.send(account.user(), "hi back");
        InboundText reply = account.events().next(ClientEvent.MessageReceived.class).message();
        assertThat(reply.text()).isEqualTo("hi back");
        assertThat(reply.id()).isEqualTo(replyId);
        assertThat(reply.pushName()).contains(alice.pushName());
        assertThat(Jid.parse(reply.from()).orElseThrow().user()).isEqualTo(alice.number());

        account.client().sendText(alice.jid().toString(), "second", account.client().messageIds().next()).get(10, TimeUnit.SECONDS);
        assertThat(alice.awaitMessage(WAIT).encryption()).isEqualTo(EncryptedMessage.Type.MSG);
        awaitReceipt(alice, replyId);
        assertThat(clients.simulator().stats().decryptFailures()).isZero();
    }

    @Test
    void aTextLargerThanTheSocketBuffersCrossesBothWaysWhole() throws Exception {
        // The surefire configuration gives this JVM the server's small HTTP client buffers (2 KiB writes, 4 KiB
        // reads), so this text leaves in several socket writes and arrives as several partial WebSocket messages.
        assertThat(Integer.getInteger("jdk.httpclient.bufsize", 16 * 1024)).isLessThan(LONG_TEXT.length() / 4);
        assertThat(Integer.getInteger("jdk.httpclient.websocket.writeBufferSize", 16 * 1024)).isLessThan(LONG_TEXT.length() / 4);
        Account account = pairedAccount("+15550003081");
        SimulatedContact ivan = clients.simulator().newContact("+15550003082");
        awaitPreKeysUploaded(account.store());

        account.client().sendText(ivan.jid().toString(), LONG_TEXT, account.client().messageIds().next()).get(10, TimeUnit.SECONDS);
        assertThat(ivan.awaitMessage(WAIT).text()).isEqualTo(LONG_TEXT);
        String back = new StringBuilder(LONG_TEXT).reverse().toString();
        ivan.send(account.user(), back);
        assertThat(account.events().next(ClientEvent.MessageReceived.class).message().text()).isEqualTo(back);
        assertThat(clients.simulator().stats().decryptFailures()).isZero();
    }

    @Test
    void whatOurPhoneSendsArrivesAsACopyNamingItsDestination() throws Exception {
        Account account = pairedAccount("+15550003061");
        SimulatedContact grace = clients.simulator().newContact("+15550003062");
        awaitPreKeysUploaded(account.store());

        String id = account.phone().primaryDevice().send(grace.jid(), "sent from the phone");
        InboundText copy = account.events().next(ClientEvent.MessageReceived.class).message();
        assertThat(copy.id()).isEqualTo(id);
        assertThat(copy.text()).isEqualTo("sent from the phone");
        assertThat(copy.destination()).contains(grace.jid().toString());
        assertThat(Jid.parse(copy.from()).orElseThrow().toNormalizedUser()).isEqualTo(account.user());
        assertThat(grace.awaitMessage(WAIT).text()).isEqualTo("sent from the phone");
    }

    @Test
    void phoneNumberAndLidOfOneContactShareOneSession() throws Exception {
        Account account = pairedAccount("+15550003071");
        SimulatedContact heidi = clients.simulator().newContact("+15550003072");
        account.client().sendText(heidi.jid().toString(), "by number", account.client().messageIds().next()).get(10, TimeUnit.SECONDS);
        assertThat(heidi.awaitMessage(WAIT).encryption()).isEqualTo(EncryptedMessage.Type.PKMSG);
        heidi.send(account.user(), "answer");
        account.events().next(ClientEvent.MessageReceived.class);

        account.client().sendText(heidi.lid().toString(), "by lid", account.client().messageIds().next()).get(10, TimeUnit.SECONDS);
        ReceivedMessage byLid = heidi.awaitMessage(WAIT);
        assertThat(byLid.text()).isEqualTo("by lid");
        // The same session carried on: no second pkmsg, no second session under the other name.
        assertThat(byLid.encryption()).isEqualTo(EncryptedMessage.Type.MSG);
        assertThat(account.store().ids(KeyCategory.SESSION)).filteredOn(id -> id.startsWith(heidi.number())).isEmpty();
        assertThat(account.store().ids(KeyCategory.SESSION)).filteredOn(id -> id.startsWith(heidi.lid().user() + "_1.")).hasSize(1);
    }

    @Test
    void aContactStartsWithPkmsgOnOurUploadedKeysThenMsgAndTheKeyIsGone() throws Exception {
        Account account = pairedAccount("+15550003011");
        SimulatedContact bob = clients.simulator().newContact("+15550003012");
        awaitPreKeysUploaded(account.store());

        bob.send(account.user(), "first from bob");
        InboundText first = account.events().next(ClientEvent.MessageReceived.class).message();
        assertThat(first.text()).isEqualTo("first from bob");

        account.client().sendText(bob.jid().toString(), "reply", account.client().messageIds().next()).get(10, TimeUnit.SECONDS);
        assertThat(bob.awaitMessage(WAIT).encryption()).isEqualTo(EncryptedMessage.Type.MSG);
        bob.send(account.user(), "second from bob");
        assertThat(account.events().next(ClientEvent.MessageReceived.class).message().text()).isEqualTo("second from bob");
        assertThat(clients.simulator().stats().decryptFailures()).isZero();
    }

    @Test
    void afterARestartFromTheStoreTheSessionContinuesWithMsg() throws Exception {
        Path directory = clients.sessions().resolve("restart");
        SimulatedContact carol = clients.simulator().newContact("+15550003022");
        Jid user;
        try (FileAuthStore store = FileAuthStore.open(directory)) {
            store.apply(StateChange.of(Credentials.generate()));
            EventRecorder events = new EventRecorder();
            WaClient client = WaClient.start(store, clients.options(), events);
            user = clients.simulator().newPhone("+15550003021").scan(events.next(ClientEvent.QrCode.class).code()).toNormalizedUser();
            events.next(ClientEvent.Connected.class);
            client.sendText(carol.jid().toString(), "before", client.messageIds().next()).get(10, TimeUnit.SECONDS);
            assertThat(carol.awaitMessage(WAIT).encryption()).isEqualTo(EncryptedMessage.Type.PKMSG);
            String answer = carol.send(user, "answer");
            events.next(ClientEvent.MessageReceived.class);
            // Closing before the receipt left would (rightly) have the server deliver "answer" again.
            awaitReceipt(carol, answer);
            client.close();
            client.terminated().join();
        }

        AuthStore reopened = clients.track(FileAuthStore.open(directory));
        EventRecorder events = new EventRecorder();
        WaClient client = clients.track(WaClient.start(reopened, clients.options(), events));
        events.next(ClientEvent.Connected.class);
        client.sendText(carol.jid().toString(), "after", client.messageIds().next()).get(10, TimeUnit.SECONDS);
        ReceivedMessage after = carol.awaitMessage(WAIT);
        assertThat(after.text()).isEqualTo("after");
        assertThat(after.encryption()).isEqualTo(EncryptedMessage.Type.MSG);
        carol.send(user, "still here");
        assertThat(events.next(ClientEvent.MessageReceived.class).message().text()).isEqualTo("still here");
        assertThat(clients.simulator().stats().decryptFailures()).isZero();
    }

    @Test
    void messagesSentWhileOfflineArriveInOrderAtTheNextLogin() throws Exception {
        Path directory = clients.sessions().resolve("offline");
        SimulatedContact dave = clients.simulator().newContact("+15550003032");
        Jid user;
        try (FileAuthStore store = FileAuthStore.open(directory)) {
            store.apply(StateChange.of(Credentials.generate()));
            EventRecorder events = new EventRecorder();
            WaClient client = WaClient.start(store, clients.options(), events);
            user = clients.simulator().newPhone("+15550003031").scan(events.next(ClientEvent.QrCode.class).code()).toNormalizedUser();
            events.next(ClientEvent.Connected.class);
            awaitPreKeysUploaded(store);
            client.close();
            client.terminated().join();
        }
        List<String> ids = List.of(dave.send(user, "one"), dave.send(user, "two"), dave.send(user, "three"));

        AuthStore reopened = clients.track(FileAuthStore.open(directory));
        EventRecorder events = new EventRecorder();
        clients.track(WaClient.start(reopened, clients.options(), events));
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            InboundText text = events.next(ClientEvent.MessageReceived.class).message();
            assertThat(text.id()).isEqualTo(ids.get(i));
            texts.add(text.text());
        }
        assertThat(texts).containsExactly("one", "two", "three");
        for (String id : ids) {
            awaitReceipt(dave, id);
        }
    }

    @Test
    void aMessageStoredButNotHandledBeforeACrashIsHandedOverAgainWithoutDecryptingTwice() throws Exception {
        Path directory = clients.sessions().resolve("crash");
        SimulatedContact frank = clients.simulator().newContact("+15550003052");
        Jid user;
        String id;
        try (FileAuthStore store = FileAuthStore.open(directory)) {
            store.apply(StateChange.of(Credentials.generate()));
            EventRecorder events = new EventRecorder();
            // The owner's handler dies on the message: nothing tells the server the message arrived.
            WaClient client = WaClient.start(store, clients.options(), event -> {
                events.onEvent(event);
                if (event instanceof ClientEvent.MessageReceived) {
                    throw new IllegalStateException("handler crashed");
                }
            });
            user = clients.simulator().newPhone("+15550003051").scan(events.next(ClientEvent.QrCode.class).code()).toNormalizedUser();
            events.next(ClientEvent.Connected.class);
            awaitPreKeysUploaded(store);
            id = frank.send(user, "do not lose me");
            assertThat(events.next(ClientEvent.MessageReceived.class).message().id()).isEqualTo(id);
            assertThat(store.ids(KeyCategory.INBOX)).hasSize(1);
            client.close();
            client.terminated().join();
        }
        assertThat(frank.receipts()).noneMatch(r -> isOurReceipt(r, id));

        AuthStore reopened = clients.track(FileAuthStore.open(directory));
        EventRecorder events = new EventRecorder();
        clients.track(WaClient.start(reopened, clients.options(), events));
        InboundText again = events.next(ClientEvent.MessageReceived.class).message();
        assertThat(again.id()).isEqualTo(id);
        assertThat(again.text()).isEqualTo("do not lose me");
        awaitReceipt(frank, id);
        // The redelivery was answered from the inbox: the spent message key was never needed again.
        assertThat(clients.simulator().stats().retryReceipts()).isZero();
        assertThat(clients.simulator().stats().decryptFailures()).isZero();
    }

    @Test
    void theDeliveryReceiptLeavesOnlyAfterTheListenerIsDoneAndThePlaintextIsStored() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> inboxSizeAtDelivery = new ArrayList<>();
        AuthStore store = clients.freshStore("order");
        EventRecorder recorder = new EventRecorder();
        WaClient client = clients.track(WaClient.start(store, clients.options(), event -> {
            if (event instanceof ClientEvent.MessageReceived) {
                inboxSizeAtDelivery.add(store.ids(KeyCategory.INBOX).size());
                awaitQuietly(release);
            }
            recorder.onEvent(event);
        }));
        Jid user = clients.simulator().newPhone("+15550003041").scan(recorder.next(ClientEvent.QrCode.class).code()).toNormalizedUser();
        recorder.next(ClientEvent.Connected.class);
        awaitPreKeysUploaded(store);
        SimulatedContact erin = clients.simulator().newContact("+15550003042");

        String id = erin.send(user, "hold on");
        Thread.sleep(300);
        assertThat(erin.receipts()).noneMatch(r -> isOurReceipt(r, id));
        release.countDown();

        assertThat(recorder.next(ClientEvent.MessageReceived.class).message().text()).isEqualTo("hold on");
        awaitReceipt(erin, id);
        assertThat(inboxSizeAtDelivery).containsExactly(1);
        assertThat(client.terminated()).isNotDone();
    }

    private record Account(Jid user, SimulatedPhone phone, AuthStore store, WaClient client, EventRecorder events) {}

    private Account pairedAccount(String number) {
        AuthStore store = clients.freshStore("acct-" + number.substring(1));
        EventRecorder events = new EventRecorder();
        WaClient client = clients.track(WaClient.start(store, clients.options(), events));
        SimulatedPhone phone = clients.simulator().newPhone(number);
        Jid device = phone.scan(events.next(ClientEvent.QrCode.class).code());
        events.next(ClientEvent.Connected.class);
        return new Account(device.toNormalizedUser(), phone, store, client, events);
    }

    /** The pre-key upload runs right after login; a contact needs the keys before it can start a session. */
    private static void awaitPreKeysUploaded(AuthStore store) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Credentials credentials = store.state().credentials().orElseThrow();
            if (credentials.firstUnuploadedPreKeyId() > 1 && credentials.firstUnuploadedPreKeyId() == credentials.nextPreKeyId()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("pre-keys were not uploaded within " + WAIT);
    }

    private static void awaitReceipt(SimulatedContact contact, String id) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (contact.receipts().stream().anyMatch(r -> isOurReceipt(r, id))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no receipt for " + id + " within " + WAIT + "; receipts: " + contact.receipts());
    }

    /**
     * Our client's receipt, not the simulated phone's: the phone (device 0 of the same account) decrypts the
     * contact's message too and receipts without a type, while this companion never announces presence and so
     * marks its receipts {@code inactive}.
     */
    private static boolean isOurReceipt(SimulatedContact.DeliveryReceipt receipt, String id) {
        return receipt.messageId().equals(id) && receipt.type().filter("inactive"::equals).isPresent();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
