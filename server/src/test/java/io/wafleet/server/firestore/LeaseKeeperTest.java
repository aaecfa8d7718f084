package io.wafleet.server.firestore;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.Firestore;
import io.wafleet.server.registry.AccountId;
import io.wafleet.server.testing.FirestoreEmulator;
import io.wafleet.server.testing.SharedFirestoreEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** One lease round against the real emulator: what the keeper takes, announces and tidies up. */
@ExtendWith(SharedFirestoreEmulator.class)
class LeaseKeeperTest {

    private static final Duration TTL = Duration.ofSeconds(30);
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final CollectionNames names = new CollectionNames("wa_fleet_");
    private final List<AccountId> started = new ArrayList<>();
    private Firestore db;
    private LeaseKeeper keeper;

    @BeforeEach
    void connect(FirestoreEmulator emulator) {
        db = emulator.client(FirestoreEmulator.freshProject());
        Clock clock = Clock.systemUTC();
        FirestoreSettings settings = new FirestoreSettings(new FirestoreAccess.Emulator(emulator.hostPort(), "test"), "wa_fleet_",
                TTL, Optional.empty(), Optional.empty());
        Leases leases = new Leases(db, names, "process-a", TTL, DEADLINE, clock);
        keeper = new LeaseKeeper(db, names, leases, List.of(AccountId.of("WA-01"), AccountId.of("WA-02")), settings,
                new FirestoreHealth(clock), clock, DEADLINE);
        keeper.attach(new LeaseKeeper.Accounts() {
            @Override
            public void acquired(Lease lease) {
                started.add(lease.account());
            }

            @Override
            public void lost(AccountId account, String why) {
                throw new AssertionError("no lease is lost in these rounds: " + account + " " + why);
            }

            @Override
            public void handOver(AccountId account) {
                throw new AssertionError("nothing is handed over to a gone process: " + account);
            }
        });
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void aRoundForgetsProcessesGoneForADayButKeepsRecentlyExpiredAndLiveOnes() throws Exception {
        Instant now = Instant.now();
        announce("gone-last-week", now.minus(Duration.ofDays(7)));
        announce("gone-just-now", now.minusSeconds(5));
        announce("process-b", now.plus(TTL));
        db.collection(names.processes()).document("no-expiry").set(Map.of("leases", 3)).get();

        keeper.tick();

        assertThat(processIds()).containsExactlyInAnyOrder("gone-just-now", "process-b", "process-a");
        // A live process-b: a fair share is one of the two slots each.
        assertThat(started).hasSize(1);
        assertThat(keeper.heldCount()).isEqualTo(1);
    }

    private void announce(String process, Instant expireAt) throws Exception {
        db.collection(names.processes()).document(process).set(Map.of(
                "expireAt", Timestamp.ofTimeSecondsAndNanos(expireAt.getEpochSecond(), expireAt.getNano()), "leases", 1)).get();
    }

    private List<String> processIds() throws Exception {
        return db.collection(names.processes()).get().get().getDocuments().stream().map(doc -> doc.getId()).toList();
    }
}
