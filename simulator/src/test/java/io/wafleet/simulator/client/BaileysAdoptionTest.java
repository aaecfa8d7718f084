package io.wafleet.simulator.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wafleet.protocol.client.ClientEvent;
import io.wafleet.protocol.client.ClientOptions;
import io.wafleet.protocol.client.WaClient;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.migration.BaileysImport;
import io.wafleet.protocol.noise.TrustedRoot;
import io.wafleet.protocol.store.Credentials;
import io.wafleet.protocol.store.FileAuthStore;
import io.wafleet.protocol.store.Me;
import io.wafleet.protocol.store.StateChange;
import io.wafleet.simulator.WaSimulator;
import io.wafleet.simulator.device.DeviceView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Issue 9: an account Baileys linked (rc14 and rc.9, fixtures made by conformance/scripts/make-import-fixtures.sh
 * against the standalone simulator with a state file) is adopted and logs in as the same device without a QR. The
 * embedded simulator starts from that state file, so it knows the device and the noise key Baileys registered,
 * and it refuses a login whose noise key is not that one.
 */
class BaileysAdoptionTest {
    static final List<String> VERSIONS = List.of("rc14", "rc9");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @ParameterizedTest
    @FieldSource("VERSIONS")
    void anAdoptedBaileysAccountLogsInAsTheSameDeviceWithoutAQr(String version) throws Exception {
        Path fixture = fixture(version);
        String deviceJid = JSON.readTree(fixture.resolve("auth.device.json").toFile()).get("deviceJid").asText();
        try (WaSimulator simulator = simulatorFrom(fixture);
                FileAuthStore store = FileAuthStore.open(temp.resolve("WA-07"))) {
            assertThat(BaileysImport.withDefaults().importInto(fixture.resolve("auth"), store).outcome())
                    .isEqualTo(BaileysImport.Outcome.IMPORTED);

            EventRecorder events = new EventRecorder();
            try (WaClient client = WaClient.start(store, options(simulator), events)) {
                ClientEvent.Connected connected = events.next(ClientEvent.Connected.class);
                assertThat(connected.jid()).isEqualTo(deviceJid);
                assertThat(events.all()).noneMatch(e -> e instanceof ClientEvent.QrCode || e instanceof ClientEvent.Paired);
                assertThat(simulator.stats().qrIssued()).isZero();
                assertThat(simulator.stats().pairings()).isZero();
                assertThat(simulator.stats().loginFailures()).isZero();
                DeviceView device = simulator.devices().stream()
                        .filter(d -> d.jid().equals(Jid.parse(deviceJid).orElseThrow())).findFirst().orElseThrow();
                assertThat(device.connected()).isTrue();
                assertThat(device.liveConnections()).isEqualTo(1);
            }
        }
    }

    /** The control: the same device id with any other noise key is refused, so the login above proves the key. */
    @ParameterizedTest
    @FieldSource("VERSIONS")
    void theSimulatorRefusesTheDeviceWithAnotherNoiseKey(String version) throws Exception {
        Path fixture = fixture(version);
        String deviceJid = JSON.readTree(fixture.resolve("auth.device.json").toFile()).get("deviceJid").asText();
        try (WaSimulator simulator = simulatorFrom(fixture);
                FileAuthStore store = FileAuthStore.open(temp.resolve("WA-08"))) {
            store.apply(StateChange.of(Credentials.generate().toBuilder().me(Me.of(deviceJid)).build()));
            EventRecorder events = new EventRecorder();
            try (WaClient client = WaClient.start(store, options(simulator), events)) {
                ClientEvent.LoggedOut refused = events.next(ClientEvent.LoggedOut.class);
                assertThat(refused.reason().code()).isEqualTo(401);
                assertThat(simulator.stats().loginFailures()).isEqualTo(1);
            }
        }
    }

    /** The simulator from a copy of the fixture's state file (it writes to the file). */
    private WaSimulator simulatorFrom(Path fixture) throws IOException {
        Path state = Files.copy(fixture.resolve("simulator-state.json"), temp.resolve("simulator-state.json"));
        return WaSimulator.builder().stateFile(state).start();
    }

    private static ClientOptions options(WaSimulator simulator) {
        return ClientOptions.defaults().withServer(simulator.url(), TrustedRoot.explicit(simulator.rootPublicKey()));
    }

    /** The fixtures live with the importer's tests in protocol/; tests run in the simulator module's folder. */
    private static Path fixture(String version) {
        Path fixture = Path.of("..", "protocol", "src", "test", "resources", "baileys", version).toAbsolutePath().normalize();
        if (!Files.isDirectory(fixture.resolve("auth"))) {
            throw new IllegalStateException("Baileys fixture missing: " + fixture);
        }
        return fixture;
    }
}
