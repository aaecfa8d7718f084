package io.wafleet.simulator.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.wafleet.protocol.client.ClientEvent;
import io.wafleet.protocol.client.ClientOptions;
import io.wafleet.protocol.client.DisconnectReason.Category;
import io.wafleet.protocol.client.WaClient;
import io.wafleet.protocol.client.WebVersion;
import io.wafleet.protocol.client.WebVersionSource;
import io.wafleet.protocol.crypto.X25519;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.noise.CertChainDefect;
import io.wafleet.protocol.noise.TrustedRoot;
import io.wafleet.protocol.store.AuthStore;
import io.wafleet.protocol.store.Credentials;
import io.wafleet.protocol.store.FileAuthStore;
import io.wafleet.protocol.store.StateChange;
import io.wafleet.simulator.PairSuccessDefect;
import io.wafleet.simulator.WaSimulator;
import io.wafleet.simulator.device.StreamErrorKind;
import io.wafleet.simulator.phone.SimulatedPhone;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Java client's whole lifecycle against the embedded simulator: pairing, login, every fault, every refusal. */
class WaClientAgainstSimulatorTest {
    @RegisterExtension
    final SimulatorClients clients = new SimulatorClients();

    @Test
    void pairsThroughTheQrThenRestartsAndLogsIn() {
        AuthStore store = clients.freshStore("WA-01");
        EventRecorder events = new EventRecorder();
        WaClient client = clients.start(store, clients.options(), events);

        ClientEvent.QrCode qr = events.next(ClientEvent.QrCode.class);
        SimulatedPhone phone = clients.simulator().newPhone("+15550000001");
        Jid device = phone.scan(qr.code());

        ClientEvent.Paired paired = events.next(ClientEvent.Paired.class);
        assertThat(paired.jid()).isEqualTo(device.toString());
        ClientEvent.Connected connected = events.next(ClientEvent.Connected.class);
        assertThat(connected.jid()).isEqualTo(device.toString());
        assertThat(store.state().credentials().orElseThrow().me()).isPresent();
        assertThat(clients.simulator().stats().pairings()).isEqualTo(1);
        assertThat(clients.simulator().stats().logins()).isEqualTo(1);
        assertThat(events.all()).noneMatch(e -> e instanceof ClientEvent.Closed);
        assertThat(client.terminated()).isNotDone();
    }

    @Test
    void logsInAgainFromTheStoredStateWithoutAQr() {
        Path directory = clients.sessions().resolve("WA-02");
        pairInto(directory, "+15550000002");
        long qrBefore = clients.simulator().stats().qrIssued();

        AuthStore reopened = clients.track(FileAuthStore.open(directory));
        EventRecorder events = new EventRecorder();
        clients.start(reopened, clients.options(), events);
        events.next(ClientEvent.Connected.class);

        assertThat(events.all()).noneMatch(e -> e instanceof ClientEvent.QrCode);
        assertThat(clients.simulator().stats().qrIssued()).isEqualTo(qrBefore);
    }

    @Test
    void restartRequestIsFollowedWithoutTheOwnerNoticing() {
        Paired account = pairedAccount("+15550000003");
        clients.simulator().device(account.jid()).streamError(StreamErrorKind.RESTART_REQUIRED);
        account.events().next(ClientEvent.Connected.class);
        assertThat(account.events().all()).noneMatch(e -> e instanceof ClientEvent.Closed);
        assertThat(account.client().terminated()).isNotDone();
    }

    @ParameterizedTest
    @EnumSource(value = StreamErrorKind.class, names = {"INTERNAL", "UNAVAILABLE"})
    void serverSideStreamErrorsAreTransient(StreamErrorKind kind) {
        Paired account = pairedAccount("+15550000004");
        clients.simulator().device(account.jid()).streamError(kind);
        ClientEvent.Disconnected end = account.events().next(ClientEvent.Disconnected.class);
        assertThat(end.reason().category()).isEqualTo(Category.TRANSIENT);
        assertThat(end.reason().code()).isEqualTo(kind.code());
        assertThat(account.client().terminated()).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(end);
    }

    @Test
    void droppedSocketIsATransientClose() {
        Paired account = pairedAccount("+15550000005");
        clients.simulator().device(account.jid()).drop();
        ClientEvent.Disconnected end = account.events().next(ClientEvent.Disconnected.class);
        assertThat(end.reason().category()).isEqualTo(Category.TRANSIENT);
        assertThat(end.reason().code()).isEqualTo(428);
    }

    @Test
    void removedDeviceIsLoggedOutAndCannotLogInAgain() {
        Paired account = pairedAccount("+15550000006");
        clients.simulator().device(account.jid()).streamError(StreamErrorKind.DEVICE_REMOVED);
        ClientEvent.LoggedOut loggedOut = account.events().next(ClientEvent.LoggedOut.class);
        assertThat(loggedOut.reason().code()).isEqualTo(401);

        EventRecorder again = new EventRecorder();
        clients.start(account.store(), clients.options(), again);
        ClientEvent.LoggedOut refused = again.next(ClientEvent.LoggedOut.class);
        assertThat(refused.reason().code()).isEqualTo(401);
        assertThat(again.all()).noneMatch(e -> e instanceof ClientEvent.Connected);
    }

    @Test
    void secondClientWithTheSameCredentialsReplacesTheFirst() {
        Paired first = pairedAccount("+15550000007");
        AuthStore copy = clients.freshStore("WA-07-copy");
        copy.apply(StateChange.of(first.store().state().credentials().orElseThrow()));

        EventRecorder second = new EventRecorder();
        clients.start(copy, clients.options(), second);
        second.next(ClientEvent.Connected.class);

        ClientEvent.StreamReplaced replaced = first.events().next(ClientEvent.StreamReplaced.class);
        assertThat(replaced.reason().code()).isEqualTo(440);
        assertThat(clients.simulator().device(first.jid()).view().maxLiveConnections()).isLessThanOrEqualTo(2);
    }

    @Test
    void temporaryBanCarriesItsExpiry() {
        Paired account = pairedAccount("+15550000008");
        clients.simulator().device(account.jid()).ban(Duration.ofHours(1));
        ClientEvent.TemporarilyBanned ban = account.events().next(ClientEvent.TemporarilyBanned.class);
        assertThat(ban.reason().code()).isEqualTo(402);
        assertThat(ban.until()).isPresent();
    }

    @Test
    void permanentBanIsReported() {
        Paired account = pairedAccount("+15550000009");
        clients.simulator().device(account.jid()).banPermanently();
        ClientEvent.Banned ban = account.events().next(ClientEvent.Banned.class);
        assertThat(ban.reason().code()).isEqualTo(406);
    }

    @Test
    void silentPeerEndsInAKeepAliveTimeoutWithinTheBound() {
        Duration deadPeer = Duration.ofMillis(1500);
        ClientOptions fastKeepAlive = clients.options().withKeepAlive(Duration.ofMillis(200), Duration.ofMillis(300),
                Duration.ofMillis(400), deadPeer);
        Paired account = pairedAccount("+15550000010", fastKeepAlive);
        clients.simulator().device(account.jid()).silence(Duration.ofSeconds(30));
        ClientEvent.KeepAliveTimeout timeout = account.events().next(ClientEvent.KeepAliveTimeout.class, Duration.ofSeconds(10));
        assertThat(timeout.reason().code()).isEqualTo(408);
        // The ping deadline fires first; the dead-peer rule is the outer bound.
        assertThat(timeout.silentFor()).isLessThanOrEqualTo(deadPeer.plus(Duration.ofMillis(300)).plus(Duration.ofSeconds(1)));
    }

    @Test
    void keepAlivePingsKeepAnIdleConnectionOpen() throws InterruptedException {
        ClientOptions fastKeepAlive = clients.options().withKeepAlive(Duration.ofMillis(100), Duration.ofMillis(150),
                Duration.ofMillis(500), Duration.ofMillis(800));
        Paired account = pairedAccount("+15550000011", fastKeepAlive);
        Thread.sleep(2_000);
        assertThat(account.events().all()).noneMatch(e -> e instanceof ClientEvent.Closed);
        assertThat(clients.simulator().device(account.jid()).view().connected()).isTrue();
    }

    @Test
    void serverWithAnotherRootIsRefused() {
        ClientOptions wrongRoot = clients.options().withServer(clients.simulator().url(), TrustedRoot.explicit(X25519.generateKeyPair().publicKey()));
        EventRecorder events = new EventRecorder();
        clients.start(clients.freshStore("WA-12"), wrongRoot, events);
        ClientEvent.Disconnected end = events.next(ClientEvent.Disconnected.class);
        assertThat(end.reason().detail()).startsWith("untrusted-server");
        assertThat(events.all()).noneMatch(e -> e instanceof ClientEvent.QrCode);
    }

    @Test
    void productionRootRefusesTheSimulator() {
        ClientOptions production = ClientOptions.defaults().withServer(clients.simulator().url(), TrustedRoot.whatsApp());
        EventRecorder events = new EventRecorder();
        clients.start(clients.freshStore("WA-13"), production, events);
        assertThat(events.next(ClientEvent.Disconnected.class).reason().detail()).startsWith("untrusted-server");
    }

    @ParameterizedTest
    @EnumSource(CertChainDefect.class)
    void everyDefectiveCertificateChainIsRefused(CertChainDefect defect) {
        clients.simulator().faults().certChainDefect(Optional.of(defect));
        EventRecorder events = new EventRecorder();
        clients.start(clients.freshStore("WA-14"), clients.options(), events);
        ClientEvent.Disconnected end = events.next(ClientEvent.Disconnected.class);
        assertThat(end.reason().detail()).startsWith("untrusted-server");
        assertThat(clients.simulator().stats().qrIssued()).isZero();
    }

    @ParameterizedTest
    @EnumSource(PairSuccessDefect.class)
    void forgedPairSuccessIsRefusedAndNothingIsStored(PairSuccessDefect defect) {
        clients.simulator().faults().pairSuccessDefect(Optional.of(defect));
        AuthStore store = clients.freshStore("WA-15");
        EventRecorder events = new EventRecorder();
        clients.start(store, clients.options(), events);
        ClientEvent.QrCode qr = events.next(ClientEvent.QrCode.class);
        try {
            clients.simulator().newPhone("+15550000015").scan(qr.code());
        } catch (RuntimeException expected) {
            // The phone reports that the companion never signed; what matters is the client's side.
        }
        ClientEvent.Disconnected end = events.next(ClientEvent.Disconnected.class);
        assertThat(end.reason().detail()).startsWith("pairing-refused");
        assertThat(store.state().credentials().orElseThrow().me()).isEmpty();
        assertThat(events.all()).noneMatch(e -> e instanceof ClientEvent.Paired);
    }

    @Test
    void qrRefsRotateAndRunOut() {
        ClientOptions quickQr = clients.options().withQrLifetimes(Duration.ofMillis(150), Duration.ofMillis(50));
        EventRecorder events = new EventRecorder();
        clients.start(clients.freshStore("WA-16"), quickQr, events);
        ClientEvent.Disconnected end = events.next(ClientEvent.Disconnected.class);
        assertThat(end.reason().code()).isEqualTo(408);
        assertThat(end.reason().detail()).isEqualTo("qr-refs-exhausted");
        List<String> codes = events.all().stream().filter(ClientEvent.QrCode.class::isInstance)
                .map(e -> ((ClientEvent.QrCode) e).code()).toList();
        assertThat(codes).hasSize(6).doesNotHaveDuplicates();
    }

    @Test
    void slowHandshakeHitsTheConnectTimeout() {
        clients.simulator().faults().handshakeDelay(Duration.ofSeconds(5));
        ClientOptions impatient = clients.options().withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5));
        EventRecorder events = new EventRecorder();
        clients.start(clients.freshStore("WA-17"), impatient, events);
        ClientEvent.Disconnected end = events.next(ClientEvent.Disconnected.class);
        assertThat(end.reason().code()).isEqualTo(408);
        assertThat(end.reason().detail()).startsWith("connect-timeout");
    }

    @Test
    void refusedConnectionIsTransient() {
        clients.simulator().faults().refuseConnections(true);
        EventRecorder events = new EventRecorder();
        clients.start(clients.freshStore("WA-18"), clients.options(), events);
        ClientEvent.Disconnected end = events.next(ClientEvent.Disconnected.class);
        assertThat(end.reason().category()).isEqualTo(Category.TRANSIENT);
    }

    @Test
    void closingTheClientEndsItLocally() {
        Paired account = pairedAccount("+15550000019");
        account.client().close();
        ClientEvent.Closed end = account.client().terminated().join();
        assertThat(end.reason().detail()).isEqualTo("closed-locally");
    }

    @Test
    void connectionsOwnNoPlatformThreads() {
        pairedAccount("+15550000100");
        int before = ManagementFactory.getThreadMXBean().getThreadCount();
        List<Paired> accounts = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            accounts.add(pairedAccount("+155500001" + String.format("%02d", i)));
        }
        int after = ManagementFactory.getThreadMXBean().getThreadCount();
        assertThat(accounts).allSatisfy(a -> assertThat(a.client().terminated()).isNotDone());
        // Virtual threads are not counted here; 40 more connections may add a carrier or two, never one each.
        assertThat(after - before).isLessThan(10);
    }

    @Test
    void versionComesFromTheSimulatorsServiceWorker() {
        WebVersionSource source = new WebVersionSource(HttpClient.newHttpClient(), clients.simulator().serviceWorkerUrl(),
                Duration.ofSeconds(5), new WebVersion(2, 3000, 1));
        WebVersionSource.Resolved resolved = source.resolve();
        assertThat(resolved.fresh()).isTrue();
        assertThat(resolved.version().tertiary()).isEqualTo((int) WaSimulator.DEFAULT_CLIENT_REVISION);
    }

    private record Paired(Jid jid, AuthStore store, WaClient client, EventRecorder events) {}

    private Paired pairedAccount(String phoneNumber) {
        return pairedAccount(phoneNumber, clients.options());
    }

    /** Pairs a fresh account and returns it connected. */
    private Paired pairedAccount(String phoneNumber, ClientOptions options) {
        AuthStore store = clients.freshStore("acct-" + phoneNumber.substring(1));
        EventRecorder events = new EventRecorder();
        WaClient client = clients.start(store, options, events);
        Jid jid = clients.simulator().newPhone(phoneNumber).scan(events.next(ClientEvent.QrCode.class).code());
        events.next(ClientEvent.Connected.class);
        return new Paired(jid, store, client, events);
    }

    private void pairInto(Path directory, String phoneNumber) {
        EventRecorder events = new EventRecorder();
        try (FileAuthStore store = FileAuthStore.open(directory)) {
            store.apply(StateChange.of(Credentials.generate()));
            WaClient client = WaClient.start(store, clients.options(), events);
            clients.simulator().newPhone(phoneNumber).scan(events.next(ClientEvent.QrCode.class).code());
            events.next(ClientEvent.Connected.class);
            client.close();
            client.terminated().join();
        }
    }
}
