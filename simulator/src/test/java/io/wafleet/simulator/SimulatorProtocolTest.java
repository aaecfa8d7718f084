package io.wafleet.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.crypto.X25519;
import io.wafleet.protocol.crypto.XEdDsa;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.noise.CertChainDefect;
import io.wafleet.protocol.noise.ClientHandshake;
import io.wafleet.protocol.noise.NoiseHandshakeException;
import io.wafleet.protocol.noise.TrustedRoot;
import io.wafleet.simulator.device.StreamErrorKind;
import io.wafleet.simulator.phone.PairingException;
import io.wafleet.simulator.phone.SimulatedPhone;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator driven by a minimal client built from the protocol pieces: handshake, pairing, login, iqs, faults. */
class SimulatorProtocolTest {
    private final WaSimulator simulator = WaSimulator.start();
    private final TestCompanion companion = new TestCompanion();

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void registrationShowsSixRefsThatLookLikeWhatsApps() {
        try (MiniClient client = companion.register(simulator)) {
            List<String> qrCodes = companion.readQrCodes(client);
            assertThat(qrCodes).hasSize(6).doesNotHaveDuplicates()
                    .allSatisfy(qr -> assertThat(qr).matches("https://wa\\.me/settings/linked_devices#2@[A-Za-z0-9+/]{64},.*"));
        }
        assertThat(simulator.stats().qrIssued()).isEqualTo(6);
        assertThat(simulator.stats().handshakes()).isEqualTo(1);
    }

    @Test
    void pairingLinksTheDeviceWithValidSignaturesAndEndsWith515() throws Exception {
        SimulatedPhone phone = simulator.newPhone("+15550001");
        try (MiniClient client = companion.register(simulator)) {
            String qr = companion.readQrCodes(client).get(2);
            CompletableFuture<Jid> scan = CompletableFuture.supplyAsync(() -> phone.scan(qr));
            Node pairSuccess = client.next("iq");
            assertThat(pairSuccess.attr("from")).contains("@s.whatsapp.net");
            assertThat(companion.check(pairSuccess)).isEqualTo(new TestCompanion.PairSuccessChecks(true, true, true));
            Jid device = companion.countersign(client, pairSuccess);
            assertThat(scan.get(10, TimeUnit.SECONDS)).isEqualTo(device);
            assertThat(device.toString()).isEqualTo("15550001:1@s.whatsapp.net");
            assertThat(client.next()).isEqualTo(Node.of("stream:error", "code", "515"));
            client.awaitClose();
        }
        assertThat(simulator.devices()).singleElement().satisfies(view -> {
            assertThat(view.jid().toString()).isEqualTo("15550001:1@s.whatsapp.net");
            assertThat(view.lid().server()).isEqualTo("lid");
            assertThat(view.connected()).isFalse();
        });
        assertThat(simulator.stats().pairings()).isEqualTo(1);
        assertThat(simulator.stats().streamErrorsSent()).isEqualTo(1);
    }

    @Test
    void aForgedDeviceSignatureIsRefusedByThePhone() throws Exception {
        SimulatedPhone phone = simulator.newPhone("+15550002");
        try (MiniClient client = companion.register(simulator)) {
            String qr = companion.readQrCodes(client).getFirst();
            CompletableFuture<Jid> scan = CompletableFuture.supplyAsync(() -> phone.scan(qr));
            Node pairSuccess = client.next("iq");
            TestCompanion impostor = new TestCompanion();
            // Signed with another identity key than the one the companion registered.
            Node forged = Node.builder("iq").attrs(pairSuccess.attrs()).children(pairSuccess.children()).build();
            impostor.countersign(client, forged);
            assertThatThrownBy(() -> scan.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(PairingException.class)
                    .hasMessageContaining("device signature");
        }
        assertThat(simulator.devices()).isEmpty();
    }

    @Test
    void aQrCodeWithOtherKeysIsRefused() {
        SimulatedPhone phone = simulator.newPhone("+15550003");
        try (MiniClient client = companion.register(simulator)) {
            String qr = companion.readQrCodes(client).getFirst();
            String tampered = qr.replace(java.util.Base64.getEncoder().encodeToString(companion.noiseKey.publicKey()),
                    java.util.Base64.getEncoder().encodeToString(X25519.generateKeyPair().publicKey()));
            assertThatThrownBy(() -> phone.scan(tampered)).isInstanceOf(PairingException.class);
            assertThatThrownBy(() -> phone.scan("2@unknown," + qr.split(",", 2)[1])).isInstanceOf(PairingException.class)
                    .hasMessageContaining("no connection");
            assertThatThrownBy(() -> phone.scan("not a qr")).isInstanceOf(PairingException.class);
        }
    }

    @Test
    void loginAnswersTheFirstMinuteOfIqs() throws Exception {
        Jid device = companion.pair(simulator, "+15550004");
        try (MiniClient client = companion.login(simulator, device)) {
            Node success = client.next();
            assertThat(success.tag()).isEqualTo("success");
            assertThat(success.attr("lid")).hasValueSatisfying(lid -> assertThat(lid).endsWith(":1@lid"));

            client.send(iq("1", "encrypt", "get", Node.of("count")));
            assertThat(client.next().child("count").flatMap(count -> count.attr("value"))).contains("0");

            client.send(preKeyUpload("2", 30));
            assertThat(client.next()).isEqualTo(Node.of("iq", "from", "@s.whatsapp.net", "type", "result", "id", "2"));
            client.send(iq("3", "encrypt", "get", Node.of("count")));
            assertThat(client.next().child("count").flatMap(count -> count.attr("value"))).contains("30");

            client.send(iq("4", "passive", "set", Node.of("active")));
            assertThat(client.next().attr("id")).contains("4");
            assertThat(client.next().child("offline").flatMap(offline -> offline.attr("count"))).contains("0");

            client.send(iq("5", "encrypt", "get", Node.of("digest")));
            Node digest = client.next().child("digest").orElseThrow();
            assertThat(digest.child("list").orElseThrow().children()).hasSize(30);
            assertThat(digest.child("identity").flatMap(Node::contentBytes)).hasValue(companion.identity.publicKey());

            client.send(iq("6", "w:p", "get", Node.of("ping")));
            assertThat(client.next().attr("type")).contains("result");
            client.send(iq("7", "abt", "get", Node.of("props", "protocol", "1")));
            assertThat(client.next().child("props")).isPresent();
            client.send(iq("8", "privacy", "get", Node.of("privacy")));
            assertThat(client.next().child("privacy").orElseThrow().children()).isNotEmpty();
            client.send(Node.of("iq", "id", "9", "to", "@s.whatsapp.net", "type", "get", "xmlns", "blocklist"));
            assertThat(client.next().child("list")).isPresent();
            client.send(iq("10", "fancy:new", "get", Node.of("thing")));
            assertThat(client.next().child("error").flatMap(error -> error.attr("code"))).contains("501");
        }
        assertThat(simulator.stats().logins()).isEqualTo(1);
        assertThat(simulator.stats().maxLiveConnectionsPerDevice()).isEqualTo(1);
    }

    @Test
    void usyncListsTheLinkedDevicesAndTheLid() throws Exception {
        Jid device = companion.pair(simulator, "+15550005");
        try (MiniClient client = companion.login(simulator, device)) {
            client.next("success");
            client.send(iq("1", "usync", "get", Node.builder("usync").attr("sid", "s1").attr("mode", "query")
                    .child(Node.builder("query").child(Node.of("devices", "version", "2")).child(Node.of("lid")).build())
                    .child(Node.builder("list").child(Node.of("user", "jid", "15550005@s.whatsapp.net")).build())
                    .build()));
            Node user = client.next().child("usync").flatMap(usync -> usync.child("list"))
                    .flatMap(list -> list.child("user")).orElseThrow();
            assertThat(user.child("devices").flatMap(devices -> devices.child("device-list")).orElseThrow().children())
                    .extracting(d -> d.attr("id").orElseThrow()).containsExactly("0", "1");
            assertThat(user.child("lid").flatMap(lid -> lid.attr("val"))).hasValueSatisfying(val -> assertThat(val).endsWith("@lid"));
        }
    }

    @Test
    void usyncOfALidListsTheSameDevicesAsItsNumber() throws Exception {
        Jid device = companion.pair(simulator, "+15550015");
        String lidUser = simulator.device(device).view().lid().user();
        try (MiniClient client = companion.login(simulator, device)) {
            client.next("success");
            client.send(iq("1", "usync", "get", Node.builder("usync").attr("sid", "s1").attr("mode", "query")
                    .child(Node.builder("query").child(Node.of("devices", "version", "2")).build())
                    .child(Node.builder("list").child(Node.of("user", "jid", lidUser + "@lid")).build())
                    .build()));
            Node user = client.next().child("usync").flatMap(usync -> usync.child("list"))
                    .flatMap(list -> list.child("user")).orElseThrow();
            assertThat(user.attr("jid")).contains(lidUser + "@lid");
            assertThat(user.child("devices").flatMap(devices -> devices.child("device-list")).orElseThrow().children())
                    .extracting(d -> d.attr("id").orElseThrow()).containsExactly("0", "1");
        }
    }

    @Test
    void unknownAndRemovedDevicesGet401() throws Exception {
        try (MiniClient client = companion.login(simulator, Jid.of("15559999", "s.whatsapp.net", 1))) {
            assertThat(client.next()).isEqualTo(Node.of("failure", "reason", "401", "location", "sim"));
        }
        Jid device = companion.pair(simulator, "+15550006");
        try (MiniClient client = companion.login(simulator, device)) {
            client.next("success");
            simulator.device(device).logout();
            Node error = client.next("stream:error");
            assertThat(error.attr("code")).contains("401");
            assertThat(error.child("conflict").flatMap(conflict -> conflict.attr("type"))).contains("device_removed");
        }
        try (MiniClient client = companion.login(simulator, device)) {
            assertThat(client.next().attr("reason")).contains("401");
        }
        assertThat(simulator.stats().loginFailures()).isEqualTo(2);
    }

    @Test
    void anotherNoiseKeyCannotLogInAsTheDevice() throws Exception {
        Jid device = companion.pair(simulator, "+15550007");
        TestCompanion thief = new TestCompanion();
        try (MiniClient client = thief.login(simulator, device)) {
            assertThat(client.next().attr("reason")).contains("401");
        }
    }

    @Test
    void aSecondConnectionReplacesTheFirstWith440() throws Exception {
        Jid device = companion.pair(simulator, "+15550008");
        try (MiniClient first = companion.login(simulator, device)) {
            first.next("success");
            try (MiniClient second = companion.login(simulator, device)) {
                second.next("success");
                Node error = first.next("stream:error");
                assertThat(error.child("conflict").flatMap(conflict -> conflict.attr("type"))).contains("replaced");
                first.awaitClose();
                second.send(iq("1", "w:p", "get", Node.of("ping")));
                assertThat(second.next().attr("id")).contains("1");
            }
        }
        assertThat(simulator.stats().maxLiveConnectionsPerDevice()).isEqualTo(2);
        assertThat(simulator.device(device).view().replacedCount()).isEqualTo(1);
    }

    @Test
    void streamErrorsHaveWhatsAppsShapes() throws Exception {
        Jid device = companion.pair(simulator, "+15550009");
        for (StreamErrorKind kind : List.of(StreamErrorKind.RESTART_REQUIRED, StreamErrorKind.INTERNAL, StreamErrorKind.UNAVAILABLE)) {
            try (MiniClient client = companion.login(simulator, device)) {
                client.next("success");
                assertThat(simulator.device(device).streamError(kind)).isEqualTo(1);
                assertThat(client.next("stream:error")).isEqualTo(Node.of("stream:error", "code", Integer.toString(kind.code())));
                client.awaitClose();
            }
        }
    }

    @Test
    void temporaryAndPermanentBansUseTheFailureCodesWhatsAppUses() throws Exception {
        Jid device = companion.pair(simulator, "+15550010");
        try (MiniClient client = companion.login(simulator, device)) {
            client.next("success");
            simulator.device(device).ban(Duration.ofHours(1));
            Node failure = client.next("failure");
            assertThat(failure.attr("reason")).contains("402");
            assertThat(failure.attr("code")).contains("101");
            assertThat(failure.attr("expire").map(Long::parseLong)).hasValueSatisfying(s -> assertThat(s).isBetween(3590L, 3600L));
        }
        try (MiniClient client = companion.login(simulator, device)) {
            assertThat(client.next().attr("reason")).contains("402");
        }
        simulator.device(device).banPermanently();
        try (MiniClient client = companion.login(simulator, device)) {
            assertThat(client.next().attr("reason")).contains("406");
        }
        simulator.device(device).unban();
        try (MiniClient client = companion.login(simulator, device)) {
            assertThat(client.next().tag()).isEqualTo("success");
        }
    }

    @Test
    void failuresStreamEndsAndCloseFramesForTheRemainingRowsOfTheDisconnectTable() throws Exception {
        Jid device = companion.pair(simulator, "+15550017");
        try (MiniClient client = companion.login(simulator, device)) {
            client.next("success");
            simulator.device(device).failure(403);
            assertThat(client.next("failure")).isEqualTo(Node.of("failure", "reason", "403", "location", "sim"));
            client.awaitClose();
        }
        try (MiniClient client = companion.login(simulator, device)) {
            client.next("success");
            simulator.device(device).endStream();
            assertThat(client.next("xmlstreamend")).isEqualTo(Node.of("xmlstreamend"));
            client.awaitClose();
        }
        try (MiniClient client = companion.login(simulator, device)) {
            client.next("success");
            simulator.device(device).closeSocket();
            assertThat(client.awaitClose()).isEqualTo(1000);
        }
        assertThatThrownBy(() -> simulator.device(device).failure(200)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withheldIqsGetNoAnswerWhileOthersDo() throws Exception {
        Jid device = companion.pair(simulator, "+15550018");
        simulator.faults().withholdIqs(java.util.Set.of("encrypt"));
        try (MiniClient client = companion.login(simulator, device)) {
            client.next("success");
            client.send(iq("withheld", "encrypt", "get", Node.of("count")));
            client.send(iq("answered", "w:p", "get", Node.of("ping")));
            assertThat(client.next().attr("id")).contains("answered");
        }
    }

    @Test
    void dropClosesWithoutAWord() throws Exception {
        Jid device = companion.pair(simulator, "+15550011");
        try (MiniClient client = companion.login(simulator, device)) {
            client.next("success");
            simulator.everyDevice().drop();
            assertThat(client.awaitClose()).isEqualTo(1006);
        }
    }

    @Test
    void aSilencedConnectionLeavesPingsUnansweredThenRecovers() throws Exception {
        Jid device = companion.pair(simulator, "+15550012");
        try (MiniClient client = companion.login(simulator, device)) {
            client.next("success");
            simulator.device(device).silence(Duration.ofMillis(600));
            client.send(iq("lost", "w:p", "get", Node.of("ping")));
            Thread.sleep(800);
            client.send(iq("answered", "w:p", "get", Node.of("ping")));
            assertThat(client.next().attr("id")).contains("answered");
        }
    }

    @Test
    void refusedConnectionsNeverReachTheHandshake() {
        simulator.faults().refuseConnections(true);
        assertThatThrownBy(() -> companion.register(simulator)).hasStackTraceContaining("503");
        simulator.faults().refuseConnections(false);
        try (MiniClient client = companion.register(simulator)) {
            assertThat(companion.readQrCodes(client)).hasSize(6);
        }
    }

    @Test
    void eachCertificateDefectFailsTheCheckItTargets() {
        for (CertChainDefect defect : CertChainDefect.values()) {
            simulator.faults().certChainDefect(Optional.of(defect));
            try (MiniClient client = MiniClient.open(simulator.url())) {
                ClientHandshake handshake = ClientHandshake.start(companion.noiseKey,
                        TrustedRoot.explicit(simulator.rootPublicKey()), Clock.systemUTC());
                assertThatThrownBy(() -> client.handshake(handshake, companion.registrationPayload()))
                        .isInstanceOfSatisfying(NoiseHandshakeException.class,
                                e -> assertThat(e.failedCheck()).contains(defect.expectedFailure()));
            }
        }
    }

    @Test
    void brokenPairSuccessVariantsAreWhatTheyClaim() throws Exception {
        List<TestCompanion.PairSuccessChecks> seen = new ArrayList<>();
        for (PairSuccessDefect defect : PairSuccessDefect.values()) {
            simulator.faults().pairSuccessDefect(Optional.of(defect));
            TestCompanion fresh = new TestCompanion();
            SimulatedPhone phone = simulator.newPhone("+15550013");
            try (MiniClient client = fresh.register(simulator)) {
                String qr = fresh.readQrCodes(client).getFirst();
                CompletableFuture<Jid> scan = CompletableFuture.supplyAsync(() -> phone.scan(qr));
                seen.add(fresh.check(client.next("iq")));
                client.close();
                assertThatThrownBy(() -> scan.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(PairingException.class);
            }
        }
        assertThat(seen).containsExactly(
                new TestCompanion.PairSuccessChecks(false, true, true),
                new TestCompanion.PairSuccessChecks(true, false, true),
                new TestCompanion.PairSuccessChecks(true, true, false));
    }

    @Test
    void theServiceWorkerCarriesTheClientRevision() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(simulator.serviceWorkerUrl()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsPattern("\\\\?\"client_revision\\\\?\":\\s*" + WaSimulator.DEFAULT_CLIENT_REVISION);
    }

    @Test
    void keyBundlesHandOutEachOneTimeKeyOnce() throws Exception {
        Jid device = companion.pair(simulator, "+15550014");
        Jid lid = simulator.device(device).view().lid();
        try (MiniClient client = companion.login(simulator, device)) {
            client.next("success");
            client.send(preKeyUpload("1", 1));
            client.next();
            Node request = Node.builder("key")
                    .child(Node.of("user", "jid", lid.toString(), "reason", "identity"))
                    .child(Node.of("user", "jid", "15559999:1@s.whatsapp.net"))
                    .build();
            client.send(iq("2", "encrypt", "get", request));
            List<Node> users = client.next().child("list").orElseThrow().children();
            assertThat(users.get(0).child("identity").flatMap(Node::contentBytes)).hasValue(companion.identity.publicKey());
            assertThat(users.get(0).child("key")).isPresent();
            assertThat(users.get(1).child("error").flatMap(error -> error.attr("code"))).contains("404");
            client.send(iq("3", "encrypt", "get", Node.builder("key").child(Node.of("user", "jid", device.toString())).build()));
            Node again = client.next().child("list").orElseThrow().children().getFirst();
            assertThat(again.child("skey")).isPresent();
            assertThat(again.child("key")).as("the only one-time key was taken").isEmpty();
        }
    }

    @Test
    void messagesAndReceiptsAreAckedAndChatterIsIgnored() throws Exception {
        Jid device = companion.pair(simulator, "+15550015");
        try (MiniClient client = companion.login(simulator, device)) {
            client.next("success");
            client.send(Node.builder("ib").child(Node.of("unified_session", "id", "1")).build());
            client.send(Node.of("presence", "name", "x", "type", "available"));
            client.send(Node.builder("message").attr("id", "M1").attr("to", "15550099@s.whatsapp.net").attr("type", "text")
                    .child(Node.of("enc", "v", "2", "type", "msg")).build());
            Node ack = client.next();
            assertThat(ack.tag()).isEqualTo("ack");
            assertThat(ack.attrs()).containsEntry("class", "message").containsEntry("id", "M1")
                    .containsEntry("from", "15550099@s.whatsapp.net");
            client.send(Node.of("receipt", "id", "R1", "to", "15550099@s.whatsapp.net", "type", "read"));
            assertThat(client.next().attrs()).containsEntry("class", "receipt").containsEntry("id", "R1").containsEntry("type", "read");
        }
    }

    @Test
    void theRoutingIntroAndADelayedHandshakeStillConnect() throws Exception {
        Jid device = companion.pair(simulator, "+15550016");
        simulator.faults().handshakeDelay(Duration.ofMillis(200));
        try (MiniClient client = MiniClient.connect(simulator.url(), simulator.rootPublicKey(), companion.noiseKey,
                TestCompanion.loginPayload(device), io.wafleet.protocol.noise.IntroHeader.withRoutingInfo(new byte[] {8, 8, 8, 8}))) {
            assertThat(client.next().tag()).isEqualTo("success");
        }
    }

    private static Node iq(String id, String xmlns, String type, Node child) {
        return Node.builder("iq").attr("id", id).attr("to", "@s.whatsapp.net").attr("type", type).attr("xmlns", xmlns)
                .child(child).build();
    }

    private Node preKeyUpload(String id, int count) {
        var signedPreKey = X25519.generateKeyPair();
        List<Node> keys = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            keys.add(Node.builder("key")
                    .child(Node.builder("id").bytes(new byte[] {0, 0, (byte) i}).build())
                    .child(Node.builder("value").bytes(X25519.generateKeyPair().publicKey()).build())
                    .build());
        }
        return Node.builder("iq").attr("id", id).attr("to", "@s.whatsapp.net").attr("type", "set").attr("xmlns", "encrypt")
                .child(Node.builder("registration").bytes(new byte[] {0, 0, 0, 7}).build())
                .child(Node.builder("type").bytes(new byte[] {5}).build())
                .child(Node.builder("identity").bytes(companion.identity.publicKey()).build())
                .child(Node.builder("list").children(keys).build())
                .child(Node.builder("skey")
                        .child(Node.builder("id").bytes(new byte[] {0, 0, 2}).build())
                        .child(Node.builder("value").bytes(signedPreKey.publicKey()).build())
                        .child(Node.builder("signature").bytes(XEdDsa.sign(companion.identity.privateKey(),
                                X25519.withTypePrefix(signedPreKey.publicKey()))).build())
                        .build())
                .build();
    }
}
