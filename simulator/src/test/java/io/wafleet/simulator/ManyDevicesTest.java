package io.wafleet.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.crypto.X25519;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.simulator.device.DeviceRecord;
import io.wafleet.simulator.device.DeviceRegistry;
import io.wafleet.simulator.device.PhoneAccount;
import io.wafleet.simulator.device.SignedPreKey;
import io.wafleet.simulator.device.SimulatorState;
import io.wafleet.simulator.device.StateFile;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many devices logged in at once: every one is live exactly once, and connections cost virtual threads, not
 * platform threads. (Devices are pre-linked through a state file so the test measures connections, not pairing.)
 */
class ManyDevicesTest {
    /** 200 keeps the suite quick on two cores; -Dwa.sim.devices=500 runs the size the issue asks for. */
    private static final int DEVICES = Integer.getInteger("wa.sim.devices", 200);

    @TempDir
    Path directory;

    @Test
    void holdsManyLiveDevicesWithoutAPlatformThreadEach() throws Exception {
        List<KeyPair> noiseKeys = new ArrayList<>();
        List<Jid> jids = new ArrayList<>();
        List<PhoneAccount> phones = new ArrayList<>();
        List<DeviceRecord> records = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            String number = Long.toString(15_550_100_000L + i);
            KeyPair noise = X25519.generateKeyPair();
            Jid jid = DeviceRegistry.deviceJid(number, 1);
            noiseKeys.add(noise);
            jids.add(jid);
            phones.add(new PhoneAccount(number, X25519.generateKeyPair(), "1" + "0".repeat(15 - number.length()) + number, 1));
            records.add(new DeviceRecord(jid, DeviceRegistry.deviceLid("1" + number, 1), number, 1, noise.publicKey(),
                    X25519.generateKeyPair().publicKey(), i + 1, new SignedPreKey(1, new byte[32], new byte[64]), List.of(),
                    new byte[0], Instant.now(), Optional.empty(), false, Optional.empty()));
        }
        Path stateFile = directory.resolve("state.json");
        new StateFile(stateFile).save(new SimulatorState(X25519.generateKeyPair(), phones, records));

        try (WaSimulator simulator = WaSimulator.builder().stateFile(stateFile).start()) {
            int platformThreadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            List<MiniClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < DEVICES; i++) {
                    MiniClient client = MiniClient.connect(simulator.url(), simulator.rootPublicKey(), noiseKeys.get(i),
                            TestCompanion.loginPayload(jids.get(i)));
                    assertThat(client.next()).extracting(Node::tag).isEqualTo("success");
                    clients.add(client);
                }
                assertThat(simulator.stats().liveConnections()).isEqualTo(DEVICES);
                assertThat(simulator.stats().maxLiveConnectionsPerDevice()).isEqualTo(1);
                int platformThreadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
                assertThat(platformThreadsAfter - platformThreadsBefore)
                        .as("platform threads added for %d connections", DEVICES).isLessThan(DEVICES / 10);
                for (MiniClient client : clients) {
                    client.send(Node.builder("iq").attr("id", "p").attr("to", "@s.whatsapp.net").attr("type", "get")
                            .attr("xmlns", "w:p").child(Node.of("ping")).build());
                }
                for (MiniClient client : clients) {
                    assertThat(client.next().attr("id")).contains("p");
                }
            } finally {
                clients.forEach(MiniClient::close);
            }
        }
    }
}
