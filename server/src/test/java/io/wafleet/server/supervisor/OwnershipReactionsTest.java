package io.wafleet.server.supervisor;

import io.wafleet.protocol.client.DisconnectReason.Category;
import io.wafleet.server.registry.AccountId;
import io.wafleet.server.testing.FakeConnector;
import io.wafleet.server.testing.ManualTime;
import io.wafleet.server.testing.RecordingListener;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a supervisor follows {@link Ownership} (leases, when Firestore is on): no connection without it, and a 440
 * is first checked against the lease, so a hand-over stops quietly while a real conflict still alerts.
 */
class OwnershipReactionsTest {

    private static final AccountId ID = AccountId.of("WA-01");

    private final ManualTime time = new ManualTime();
    private final FakeConnector connector = new FakeConnector();
    private final RecordingListener recorder = new RecordingListener();
    private final AtomicBoolean owned = new AtomicBoolean(true);
    private final AtomicBoolean elsewhere = new AtomicBoolean(false);
    private final AtomicInteger leaseReads = new AtomicInteger();
    private final Ownership ownership = new Ownership() {
        @Override
        public boolean mayConnect(AccountId account) {
            return owned.get();
        }

        @Override
        public boolean heldElsewhere(AccountId account) {
            leaseReads.incrementAndGet();
            return elsewhere.get();
        }
    };
    private final AccountSupervisor supervisor = supervisorRunningTasksOn(Runnable::run);

    OwnershipReactionsTest() {
        connector.giveCredentials(ID);
    }

    @Test
    void withoutTheLeaseNothingConnects() {
        owned.set(false);
        supervisor.start("boot-restore");
        assertThat(connector.opens(ID)).isZero();
        assertThat(supervisor.snapshot().state()).isEqualTo(AccountState.STOPPED);
        assertThat(supervisor.snapshot().reason()).startsWith("not-owned");
    }

    @Test
    void aReplacementByTheLeaseHolderIsAQuietHandOver() {
        supervisor.start("boot-restore");
        connector.connect(ID);
        elsewhere.set(true);
        connector.close(ID, Category.STREAM_REPLACED, 440, "replaced");
        assertThat(leaseReads).hasValue(1);
        assertThat(supervisor.snapshot().state()).isEqualTo(AccountState.STOPPED);
        assertThat(supervisor.snapshot().reason()).startsWith("handed-over");
    }

    @Test
    void aReplacementWhileWeHoldTheLeaseIsAConflictDecidedOnTheExecutorNotUnderTheLock() {
        List<Runnable> queued = new ArrayList<>();
        AccountSupervisor deferred = connectedThenReplaced(queued);
        assertThat(leaseReads).as("not read while the event held the lock").hasValue(0);
        assertThat(deferred.snapshot().state()).isEqualTo(AccountState.STOPPED);
        assertThat(deferred.snapshot().reason()).isEqualTo("replaced: 440 replaced; reading the lease");
        runAll(queued);
        assertThat(leaseReads).hasValue(1);
        assertThat(deferred.snapshot().state()).isEqualTo(AccountState.CONFLICT);
    }

    @Test
    void anAccountStartedAgainWhileItsLeaseIsReadKeepsRunning() {
        List<Runnable> queued = new ArrayList<>();
        AccountSupervisor deferred = connectedThenReplaced(queued);
        Runnable leaseRead = queued.removeLast();
        deferred.start("operator");
        runAll(queued);
        leaseRead.run();
        assertThat(deferred.snapshot().state()).as("the operator's start stands").isNotIn(AccountState.CONFLICT, AccountState.STOPPED);
    }

    /** A connected account whose stream is then replaced (440), its executor's tasks held in {@code queued}. */
    private AccountSupervisor connectedThenReplaced(List<Runnable> queued) {
        AccountSupervisor deferred = supervisorRunningTasksOn(queued::add);
        deferred.start("boot-restore");
        runAll(queued);
        connector.connect(ID);
        connector.close(ID, Category.STREAM_REPLACED, 440, "replaced");
        return deferred;
    }

    private AccountSupervisor supervisorRunningTasksOn(Executor executor) {
        return new AccountSupervisor(ID, Path.of("/s", ID.value()), ID.value(),
                new SupervisorContext(connector, new ConnectionGate(2, 100, time, time), time, executor, time,
                        Backoff.standard(new SplittableRandom(3)),
                        new SupervisorSettings(Duration.ofSeconds(30), Duration.ofMinutes(3), Duration.ofSeconds(60)),
                        new FleetEvents(List.of(recorder)), id -> { }, ownership));
    }

    private static void runAll(List<Runnable> queued) {
        while (!queued.isEmpty()) {
            queued.removeFirst().run();
        }
    }
}
