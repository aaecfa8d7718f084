package io.wafleet.server.supervisor;

import io.wafleet.protocol.client.DisconnectReason.Category;
import io.wafleet.server.registry.AccountId;
import io.wafleet.server.registry.Fleet;
import io.wafleet.server.testing.FakeConnector;
import io.wafleet.server.testing.ManualTime;
import io.wafleet.server.testing.RecordingListener;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Fleet-wide reactions: the limiter at boot, outages, and the 405 pause. */
class FleetReactionsTest {

    private final ManualTime time = new ManualTime();
    private final FakeConnector connector = new FakeConnector();
    private final RecordingListener recorder = new RecordingListener();
    private final ConnectionGate gate = new ConnectionGate(2, 100, time, time);
    private final AtomicReference<Fleet> fleetRef = new AtomicReference<>();
    private final OutageDetector outage = new OutageDetector(gate, Runnable::run,
            () -> fleetRef.get().supervisors().forEach(s -> s.retryNow("outage-over")));
    private final ClientVersionRecovery versions =
            new ClientVersionRecovery(gate, connector, time, Runnable::run, new SplittableRandom(1));
    private final List<AccountId> ids = IntStream.rangeClosed(1, 10).mapToObj(AccountId::slot).toList();
    private final Fleet fleet = fleet();

    private Fleet fleet() {
        SupervisorContext context = new SupervisorContext(connector, gate, time, Runnable::run, time,
                Backoff.standard(new SplittableRandom(3)),
                new SupervisorSettings(Duration.ofSeconds(30), Duration.ofMinutes(3), Duration.ofSeconds(60)),
                new FleetEvents(List.of(recorder, outage, versions)), id -> { });
        List<AccountSupervisor> supervisors = new ArrayList<>();
        for (AccountId id : ids) {
            connector.giveCredentials(id);
            supervisors.add(new AccountSupervisor(id, Path.of("/s", id.value()), id.value(), context));
        }
        Fleet built = new Fleet(supervisors);
        fleetRef.set(built);
        return built;
    }

    private long opened() {
        return ids.stream().mapToInt(connector::opens).sum();
    }

    private void connectAll() {
        fleet.supervisors().forEach(s -> s.start("boot-restore"));
        for (int round = 0; round < ids.size(); round++) {
            for (AccountId id : ids) {
                if (fleet.get(id).orElseThrow().snapshot().state() == AccountState.CONNECTING && connector.opens(id) > 0
                        && !connector.latest(id).orElseThrow().closed()) {
                    connector.connect(id);
                }
            }
        }
        assertThat(fleet.snapshots()).allMatch(s -> s.state() == AccountState.CONNECTED);
    }

    @Test
    void bootRestorePassesTheLimiter() {
        fleet.supervisors().forEach(s -> s.start("boot-restore"));
        assertThat(opened()).as("two handshakes in flight at most").isEqualTo(2);
        connector.connect(ids.get(0));
        assertThat(opened()).isEqualTo(3);
    }

    @Test
    void anOutageIsProbedByOneAccountThenTheRestIsReleased() {
        connectAll();
        long before = opened();
        ids.forEach(id -> connector.close(id, Category.TRANSIENT, 428, "connection-closed"));
        assertThat(outage.inOutage()).isTrue();
        assertThat(gate.probeMode()).isTrue();

        time.advance(Duration.ofSeconds(5)); // every first backoff (at most 1 s) has fired: one handshake goes out
        assertThat(opened() - before).isEqualTo(1);
        AccountId probe = ids.stream().filter(id -> connector.opens(id) == 2).findFirst().orElseThrow();

        connector.connect(probe);
        assertThat(outage.inOutage()).isFalse();
        assertThat(gate.probeMode()).isFalse();
        assertThat(fleet.snapshots()).filteredOn(s -> s.state() == AccountState.CONNECTING).hasSize(ids.size() - 1);
        assertThat(opened() - before).as("released through the limiter").isEqualTo(1 + 2);
    }

    @Test
    void oneAccountDroppingIsNotAnOutage() {
        connectAll();
        connector.close(ids.get(0), Category.TRANSIENT, 408, "lost");
        connector.close(ids.get(1), Category.TRANSIENT, 408, "lost");
        assertThat(outage.inOutage()).isFalse();
    }

    @Test
    void clientOutdatedPausesTheWholeFleetUntilTheVersionIsRefreshed() {
        connectAll();
        connector.failVersionRefresh(true);
        long before = opened();
        connector.close(ids.get(0), Category.CLIENT_OUTDATED, 405, "client-outdated");
        connector.close(ids.get(1), Category.TRANSIENT, 428, "connection-closed");
        assertThat(versions.recovering()).isTrue();
        assertThat(gate.pausedFor()).contains("client-outdated");

        time.advance(Duration.ofMinutes(20));
        assertThat(opened()).as("nobody reconnects while the version is stale").isEqualTo(before);
        assertThat(connector.versionRefreshes()).isGreaterThan(1);

        connector.failVersionRefresh(false);
        while (gate.pausedFor().isPresent()) {
            time.advance(Duration.ofSeconds(1));
        }
        assertThat(opened()).as("both waiting accounts go out at once").isEqualTo(before + 2);
    }
}
