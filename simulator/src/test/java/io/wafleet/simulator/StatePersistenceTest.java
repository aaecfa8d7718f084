package io.wafleet.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.simulator.messaging.SimulatedContact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a state file, a restarted simulator keeps its root key, phones and linked devices. */
class StatePersistenceTest {
    @TempDir
    Path directory;

    @Test
    void aPairedDeviceLogsInAfterARestart() throws Exception {
        Path stateFile = directory.resolve("state.json");
        TestCompanion companion = new TestCompanion();
        byte[] root;
        Jid device;
        try (WaSimulator first = WaSimulator.builder().stateFile(stateFile).start()) {
            root = first.rootPublicKey();
            device = companion.pair(first, "+15550020");
            try (MiniClient client = companion.login(first, device)) {
                assertThat(client.next().tag()).isEqualTo("success");
            }
        }
        try (WaSimulator second = WaSimulator.builder().stateFile(stateFile).start()) {
            assertThat(second.rootPublicKey()).isEqualTo(root);
            assertThat(second.devices()).extracting(view -> view.jid()).containsExactly(device);
            assertThat(second.device(device).view().lastLoginAt()).as("a coalesced write is flushed on close").isPresent();
            try (MiniClient client = companion.login(second, device)) {
                assertThat(client.next().tag()).isEqualTo("success");
            }
            // The phone remembers how many devices it linked: the next one is device 2.
            Jid next = new TestCompanion().pair(second, "+15550020");
            assertThat(next.deviceId()).isEqualTo(2);
        }
    }

    @Test
    void contactsCreatedTogetherAreOnDiskWhenTheCallReturnsAndKeepTheirIdentity() throws Exception {
        Path stateFile = directory.resolve("state.json");
        List<String> numbers = List.of("+15550031", "+15550032", "+15550033");
        List<SimulatedContact> created;
        try (WaSimulator first = WaSimulator.builder().stateFile(stateFile).start()) {
            created = first.newContacts(numbers);
            assertThat(created).extracting(SimulatedContact::number).containsExactly("15550031", "15550032", "15550033");
            assertThat(Files.readString(stateFile)).contains("15550031", "15550032", "15550033");
        }
        try (WaSimulator second = WaSimulator.builder().stateFile(stateFile).start()) {
            for (SimulatedContact contact : created) {
                assertThat(second.contact(contact.number()).map(SimulatedContact::lid)).contains(contact.lid());
            }
        }
    }

    @Test
    void withoutAStateFileEachRunHasItsOwnRoot() {
        try (WaSimulator a = WaSimulator.start(); WaSimulator b = WaSimulator.start()) {
            assertThat(a.rootPublicKey()).isNotEqualTo(b.rootPublicKey());
            assertThat(a.url().toString()).startsWith("ws://127.0.0.1:").endsWith("/ws/chat");
        }
    }

    @Test
    void aLoginRecordsItsTimeForTheControlApi() throws Exception {
        try (WaSimulator simulator = WaSimulator.start()) {
            TestCompanion companion = new TestCompanion();
            Jid device = companion.pair(simulator, "+15550021");
            try (MiniClient client = companion.login(simulator, device)) {
                assertThat(client.next()).extracting(Node::tag).isEqualTo("success");
                assertThat(simulator.device(device).view().lastLoginAt()).isPresent();
                assertThat(simulator.device(device).view().liveConnections()).isEqualTo(1);
            }
        }
    }
}
