package io.wafleet.server.supervisor;

import io.wafleet.protocol.client.ClientEvent;
import io.wafleet.protocol.client.DisconnectReason;
import io.wafleet.protocol.client.DisconnectReason.Category;
import io.wafleet.server.registry.AccountId;
import io.wafleet.server.testing.FakeConnector;
import io.wafleet.server.testing.ManualTime;
import io.wafleet.server.testing.RecordingListener;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountSupervisorTest {

    private static final AccountId ID = AccountId.slot(1);

    /** Always the top of the jitter range, so every wait equals the backoff ceiling. */
    private static final RandomGenerator HIGHEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("the supervisor draws only bounded longs");
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    private final ManualTime time = new ManualTime();
    private final FakeConnector connector = new FakeConnector();
    private final RecordingListener listener = new RecordingListener();
    private final List<AccountId> archived = new ArrayList<>();
    private final ConnectionGate gate = new ConnectionGate(3, 100, time, time);
    private final SupervisorSettings settings =
            new SupervisorSettings(Duration.ofSeconds(30), Duration.ofMinutes(3), Duration.ofSeconds(60));
    private final AccountSupervisor supervisor = supervisor(connector);

    private AccountSupervisor supervisor(io.wafleet.server.connector.AccountConnector using) {
        SupervisorContext context = new SupervisorContext(using, gate, time, Runnable::run, time,
                Backoff.standard(HIGHEST), settings, listener, archived::add);
        return new AccountSupervisor(ID, Path.of("/sessions", ID.value()), "Sales", context);
    }

    private AccountSnapshot state() {
        return supervisor.snapshot();
    }

    private void drop(int code, String detail) {
        connector.close(ID, Category.TRANSIENT, code, detail);
    }

    @Test
    void restoresStoredCredentialsAndConnects() {
        connector.giveCredentials(ID);
        supervisor.start("boot-restore");
        assertThat(state().state()).isEqualTo(AccountState.CONNECTING);
        assertThat(connector.opens(ID)).isEqualTo(1);

        connector.connect(ID);
        AccountSnapshot connected = state();
        assertThat(connected.state()).isEqualTo(AccountState.CONNECTED);
        assertThat(connected.maskedPhone()).contains("+40 7** *** *12");
        assertThat(connected.lastConnectedAt()).contains(time.instant());
        assertThat(connected.history()).extracting(Transition::to)
                .containsExactly(AccountState.CONNECTING, AccountState.CONNECTED);
        assertThat(gate.inFlight()).isZero();
        assertThat(listener.handshakes).hasSize(1);
    }

    @Test
    void transientLossesReconnectWithGrowingBackoffForever() {
        connector.giveCredentials(ID);
        supervisor.start("boot-restore");
        List<Duration> waits = new ArrayList<>();
        for (int attempt = 1; attempt <= 15; attempt++) {
            drop(428, "connection-closed");
            AccountSnapshot down = state();
            assertThat(down.state()).isEqualTo(AccountState.DISCONNECTED);
            assertThat(down.reason()).isEqualTo("428 connection-closed");
            Duration wait = Duration.between(time.instant(), down.nextRetryAt().orElseThrow());
            waits.add(wait);
            time.advance(wait);
            assertThat(state().state()).isEqualTo(AccountState.CONNECTING);
        }
        assertThat(waits).startsWith(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertThat(waits.getLast()).isEqualTo(Duration.ofMinutes(5));
        assertThat(connector.opens(ID)).isEqualTo(16);
        assertThat(state().reconnectCount()).isEqualTo(15);
    }

    @Test
    void backoffResetsOnlyAfterTheConnectionStayedUpSixtySeconds() {
        connector.giveCredentials(ID);
        supervisor.start("boot-restore");
        drop(408, "lost");
        time.advance(Duration.ofSeconds(1));
        connector.connect(ID);
        time.advance(Duration.ofSeconds(30)); // a brief open between two losses
        drop(408, "lost");
        assertThat(state().reconnectAttempts()).isEqualTo(2);
        time.advance(Duration.ofSeconds(2));

        connector.connect(ID);
        time.advance(Duration.ofSeconds(60));
        assertThat(state().reconnectAttempts()).isZero();
        drop(408, "lost");
        assertThat(state().reconnectAttempts()).isEqualTo(1);
        assertThat(state().nextRetryAt()).contains(time.instant().plusSeconds(1));
    }

    @Test
    void restartRequiredReconnectsAtOnce() {
        connector.giveCredentials(ID);
        supervisor.start("boot-restore");
        connector.connect(ID);
        connector.close(ID, Category.RESTART_REQUIRED, 515, "restart-required");
        assertThat(state().state()).isEqualTo(AccountState.CONNECTING);
        assertThat(connector.opens(ID)).isEqualTo(2);
        assertThat(state().history()).extracting(Transition::to).doesNotContain(AccountState.DISCONNECTED);
    }

    @Test
    void loggedOutStopsArchivesAndNeverReconnects() {
        connector.giveCredentials(ID);
        supervisor.start("boot-restore");
        connector.connect(ID);
        connector.close(ID, Category.LOGGED_OUT, 401, "device-removed");
        assertThat(state().state()).isEqualTo(AccountState.LOGGED_OUT);
        assertThat(state().reason()).isEqualTo("401 device-removed");
        assertThat(archived).containsExactly(ID);
        time.advance(Duration.ofHours(2));
        assertThat(connector.opens(ID)).isEqualTo(1);
    }

    @Test
    void streamReplacedIsAConflictThatIsNotFought() {
        connector.giveCredentials(ID);
        supervisor.start("boot-restore");
        connector.connect(ID);
        connector.close(ID, Category.STREAM_REPLACED, 440, "conflict:replaced");
        assertThat(state().state()).isEqualTo(AccountState.CONFLICT);
        time.advance(Duration.ofHours(1));
        assertThat(connector.opens(ID)).isEqualTo(1);
    }

    @Test
    void temporaryBanRetriesAfterItsExpiryAndPermanentBanNever() {
        connector.giveCredentials(ID);
        supervisor.start("boot-restore");
        Instant until = time.instant().plus(Duration.ofHours(1));
        connector.emit(ID, FakeConnector.closedEvent(
                new DisconnectReason(Category.TEMPORARILY_BANNED, 402, "temporary-ban", Optional.of(until))));
        assertThat(state().state()).isEqualTo(AccountState.BANNED);
        assertThat(state().nextRetryAt()).contains(until);
        time.advance(Duration.ofMinutes(59));
        assertThat(connector.opens(ID)).isEqualTo(1);
        time.advance(Duration.ofMinutes(1));
        assertThat(state().state()).isEqualTo(AccountState.CONNECTING);

        connector.close(ID, Category.BANNED, 406, "banned");
        time.advance(Duration.ofDays(2));
        assertThat(state().state()).isEqualTo(AccountState.BANNED);
        assertThat(connector.opens(ID)).isEqualTo(2);
    }

    @Test
    void linkingOffersQrCodesUntilPairedThenLogsIn() {
        supervisor.link();
        connector.offerQr(ID, "2@ref-one", time.instant().plusSeconds(60));
        assertThat(state().state()).isEqualTo(AccountState.QR_REQUIRED);
        assertThat(state().qr()).map(QrOffer::code).contains("2@ref-one");
        assertThat(gate.inFlight()).as("a QR on screen does not hold a handshake slot").isZero();

        connector.offerQr(ID, "2@ref-two", time.instant().plusSeconds(60));
        assertThat(state().qr()).map(QrOffer::code).contains("2@ref-two");
        assertThat(listener.qrIssued).hasSize(2);

        connector.emit(ID, new ClientEvent.Paired("40712345612:7@s.whatsapp.net", Optional.empty(), Optional.empty(), "android"));
        assertThat(state().state()).isEqualTo(AccountState.CONNECTING);
        assertThat(state().qr()).isEmpty();
        connector.close(ID, Category.RESTART_REQUIRED, 515, "restart-required");
        connector.connect(ID);
        assertThat(state().state()).isEqualTo(AccountState.CONNECTED);

        time.advance(Duration.ofMinutes(10));
        assertThat(state().state()).as("the QR timeout ended with the pairing").isEqualTo(AccountState.CONNECTED);
    }

    @Test
    void unscannedQrStopsOfferingAfterTheTimeout() {
        supervisor.link();
        connector.offerQr(ID, "2@ref", time.instant().plusSeconds(60));
        drop(408, "lost"); // a drop while linking keeps linking
        time.advance(Duration.ofSeconds(1));
        connector.offerQr(ID, "2@ref-again", time.instant().plusSeconds(60));
        assertThat(state().state()).isEqualTo(AccountState.QR_REQUIRED);

        time.advance(Duration.ofMinutes(3));
        assertThat(state().state()).isEqualTo(AccountState.STOPPED);
        assertThat(state().reason()).isEqualTo("qr-timeout");
        assertThat(state().qr()).isEmpty();
        assertThat(connector.latest(ID).orElseThrow().closed()).isTrue();
        time.advance(Duration.ofHours(1));
        assertThat(connector.opens(ID)).isEqualTo(2);
    }

    @Test
    void restoreThatFindsNoCredentialsStopsInsteadOfOfferingQrCodes() {
        supervisor.start("boot-restore");
        connector.offerQr(ID, "2@ref", time.instant().plusSeconds(60));
        assertThat(state().state()).isEqualTo(AccountState.STOPPED);
        assertThat(state().reason()).isEqualTo("not-linked");
        assertThat(state().qr()).isEmpty();
    }

    @Test
    void linkingALinkedSlotIsRefused() {
        connector.giveCredentials(ID);
        assertThatThrownBy(supervisor::link).isInstanceOf(SlotBusyException.class);
        assertThat(connector.opens(ID)).isZero();
    }

    @Test
    void aHandshakeThatHangsTimesOutAsATransientLoss() {
        connector.giveCredentials(ID);
        supervisor.start("boot-restore");
        time.advance(Duration.ofSeconds(30));
        assertThat(state().state()).isEqualTo(AccountState.DISCONNECTED);
        assertThat(state().reason()).isEqualTo("408 connect-timeout");
        assertThat(connector.latest(ID).orElseThrow().closed()).isTrue();
        assertThat(gate.inFlight()).isZero();
    }

    @Test
    void eventsOfAnAbandonedAttemptAreIgnored() {
        connector.giveCredentials(ID);
        supervisor.start("boot-restore");
        var first = connector.latest(ID).orElseThrow();
        supervisor.restart("operator-restart");
        assertThat(first.closed()).isTrue();

        // the old socket's late events must not touch the new attempt
        first.closeWithLateEvent();
        assertThat(state().state()).isEqualTo(AccountState.CONNECTING);
        assertThat(connector.opens(ID)).isEqualTo(2);
    }

    @Test
    void anAttemptThatCannotStartRetriesWithBackoff() {
        connector.giveCredentials(ID);
        connector.failOpens(new IllegalStateException("store locked"));
        supervisor.start("boot-restore");
        assertThat(state().state()).isEqualTo(AccountState.DISCONNECTED);
        assertThat(state().reason()).isEqualTo("open-failed: IllegalStateException");
        assertThat(gate.inFlight()).isZero();

        connector.failOpens(null);
        time.advance(Duration.ofSeconds(1));
        assertThat(state().state()).isEqualTo(AccountState.CONNECTING);
        assertThat(connector.opens(ID)).isEqualTo(1);
    }

    @Test
    void stopAndLogoutCloseTheSocket() {
        connector.giveCredentials(ID);
        supervisor.start("boot-restore");
        connector.connect(ID);
        supervisor.stop("operator-stop");
        assertThat(state().state()).isEqualTo(AccountState.STOPPED);
        assertThat(connector.latest(ID).orElseThrow().closed()).isTrue();

        supervisor.start("operator-start");
        connector.connect(ID);
        supervisor.logout();
        assertThat(connector.latest(ID).orElseThrow().loggedOut()).isTrue();
        assertThat(archived).containsExactly(ID);
        assertThat(state().state()).isEqualTo(AccountState.STOPPED);
        assertThat(state().maskedPhone()).isEmpty();
    }

    @Test
    void historyIsBounded() {
        connector.giveCredentials(ID);
        supervisor.start("boot-restore");
        for (int i = 0; i < 100; i++) {
            connector.close(ID, Category.RESTART_REQUIRED, 515, "restart-required");
        }
        assertThat(state().history()).hasSize(TransitionHistory.CAPACITY);
    }

    @Test
    void theSelfWatchRestartsAnAttemptWhoseTimerWasLost() {
        connector.giveCredentials(ID);
        supervisor.start("boot-restore");
        assertThat(supervisor.restartIfStuck(time.instant().plusSeconds(30))).isFalse();
        assertThat(supervisor.restartIfStuck(time.instant().plusSeconds(61))).isTrue();
        assertThat(state().reason()).isEqualTo("watchdog-restart");
        assertThat(connector.opens(ID)).isEqualTo(2);
    }
}
