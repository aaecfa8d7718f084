package io.wafleet.simulator.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.wafleet.protocol.client.ClientEvent;
import io.wafleet.protocol.client.ClientOptions;
import io.wafleet.protocol.client.WaClient;
import io.wafleet.protocol.client.messaging.SentText;
import io.wafleet.protocol.signal.EncryptedMessage;
import io.wafleet.protocol.store.AuthStore;
import io.wafleet.protocol.store.Credentials;
import io.wafleet.protocol.store.FileAuthStore;
import io.wafleet.protocol.store.StateChange;
import io.wafleet.simulator.messaging.ReceivedMessage;
import io.wafleet.simulator.messaging.SimulatedContact;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Retry receipts for messages the client no longer holds in memory: after a restart (a new client on the same
 * store, nothing cached) a contact's device that asks again gets the same text from the owner's record, and a
 * device asking for another chat's message gets nothing.
 */
class WaClientRetryTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final SimulatorClients clients = new SimulatorClients();

    @Test
    void afterARestartARetryIsAnsweredFromTheOwnersRecordOnlyForTheAskersOwnChat() throws Exception {
        Path directory = clients.sessions().resolve("retry");
        SimulatedContact alice = clients.simulator().newContact("+15550004002");
        SimulatedContact bob = clients.simulator().newContact("+15550004003");
        Map<String, SentText> ownerRecord = new ConcurrentHashMap<>();
        ClientOptions options = clients.options().withSentTexts(id -> Optional.ofNullable(ownerRecord.get(id)));
        String forAlice;
        String forBob;
        try (FileAuthStore store = FileAuthStore.open(directory)) {
            store.apply(StateChange.of(Credentials.generate()));
            EventRecorder events = new EventRecorder();
            WaClient client = WaClient.start(store, options, events);
            clients.simulator().newPhone("+15550004001").scan(events.next(ClientEvent.QrCode.class).code());
            events.next(ClientEvent.Connected.class);
            forAlice = send(client, alice, "for alice only", ownerRecord);
            forBob = send(client, bob, "for bob", ownerRecord);
            assertThat(alice.awaitMessage(WAIT).id()).isEqualTo(forAlice);
            assertThat(bob.awaitMessage(WAIT).id()).isEqualTo(forBob);
            client.close();
            client.terminated().join();
        }

        AuthStore reopened = clients.track(FileAuthStore.open(directory));
        EventRecorder events = new EventRecorder();
        clients.track(WaClient.start(reopened, options, events));
        events.next(ClientEvent.Connected.class);

        assertThat(bob.askForMessageAgain(forAlice, 1)).as("delivered to our client").isTrue();
        assertThat(bob.askForMessageAgain(forBob, 1)).isTrue();
        assertThat(alice.askForMessageAgain(forAlice, 1)).isTrue();

        ReceivedMessage againAtAlice = alice.awaitMessage(WAIT);
        assertThat(againAtAlice.id()).isEqualTo(forAlice);
        assertThat(againAtAlice.text()).isEqualTo("for alice only");
        assertThat(againAtAlice.encryption()).as("on a fresh session").isEqualTo(EncryptedMessage.Type.PKMSG);
        ReceivedMessage againAtBob = bob.awaitMessage(WAIT);
        assertThat(againAtBob.id()).isEqualTo(forBob);
        assertThat(againAtBob.text()).isEqualTo("for bob");
        // Receipts are handled one at a time in arrival order: Bob's ask for Alice's message was decided (refused)
        // before his ask for his own was answered, so a resend of Alice's text would have been here by now.
        assertThat(bob.received()).extracting(ReceivedMessage::text).containsExactly("for bob", "for bob");
        assertThat(clients.simulator().stats().decryptFailures()).isZero();
    }

    /** Sends and records the text the way an owner with a durable outbox does: under the id, with its chat. */
    private static String send(WaClient client, SimulatedContact to, String text, Map<String, SentText> ownerRecord)
            throws Exception {
        String id = client.messageIds().next();
        ownerRecord.put(id, new SentText(to.jid().toString(), text));
        client.sendText(to.jid().toString(), text, id).get(10, TimeUnit.SECONDS);
        return id;
    }
}
