package io.wafleet.simulator;

import static io.wafleet.protocol.crypto.Bytes.concat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.client.Browser;
import io.wafleet.protocol.client.ClientConfig;
import io.wafleet.protocol.client.ClientPayloads;
import io.wafleet.protocol.client.PairingQr;
import io.wafleet.protocol.client.RegistrationData;
import io.wafleet.protocol.crypto.Hashes;
import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.crypto.X25519;
import io.wafleet.protocol.crypto.XEdDsa;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.proto.ADVSignedDeviceIdentity;
import io.wafleet.protocol.proto.ADVSignedDeviceIdentityHMAC;
import io.wafleet.protocol.proto.ClientPayload;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/** The keys of one companion device and the client half of pairing, for tests against the simulator. */
final class TestCompanion {
    private static final SecureRandom RANDOM = new SecureRandom();

    final KeyPair noiseKey = X25519.generateKeyPair();
    final KeyPair identity = X25519.generateKeyPair();
    final KeyPair signedPreKey = X25519.generateKeyPair();
    final byte[] advSecret = randomBytes(32);
    final int registrationId = RANDOM.nextInt(1, 16380);
    /** The ADVSignedDeviceIdentity this companion countersigned at pairing; what it attaches to its pkmsgs. */
    byte[] signedIdentity = new byte[0];

    private io.wafleet.protocol.signal.InMemorySignalStore signalStore;

    /** The device's Signal state, kept across its logins as a real client keeps it on disk. */
    synchronized io.wafleet.protocol.signal.InMemorySignalStore signalStore() {
        if (signalStore == null) {
            signalStore = new io.wafleet.protocol.signal.InMemorySignalStore(identity, registrationId);
            byte[] signature = XEdDsa.sign(identity.privateKey(), X25519.withTypePrefix(signedPreKey.publicKey()));
            signalStore.addSignedPreKey(new io.wafleet.protocol.signal.SignedPreKeyPair(1, signedPreKey, signature));
        }
        return signalStore;
    }

    ClientPayload registrationPayload() {
        byte[] signature = XEdDsa.sign(identity.privateKey(), X25519.withTypePrefix(signedPreKey.publicKey()));
        return ClientPayloads.registration(new RegistrationData(registrationId, identity.publicKey(), 1,
                signedPreKey.publicKey(), signature), ClientConfig.defaults());
    }

    static ClientPayload loginPayload(Jid device) {
        return ClientPayloads.login(Long.parseLong(device.user()), device.deviceId(), ClientConfig.defaults());
    }

    MiniClient register(WaSimulator simulator) {
        return MiniClient.connect(simulator.url(), simulator.rootPublicKey(), noiseKey, registrationPayload());
    }

    MiniClient login(WaSimulator simulator, Jid device) {
        return MiniClient.connect(simulator.url(), simulator.rootPublicKey(), noiseKey, loginPayload(device));
    }

    /** Reads pair-device, acknowledges it, and returns the QR strings its refs make, in order. */
    List<String> readQrCodes(MiniClient client) {
        Node iq = client.next("iq");
        Node pairDevice = iq.child("pair-device").orElseThrow();
        client.send(Node.of("iq", "to", "@s.whatsapp.net", "type", "result", "id", iq.attr("id").orElseThrow()));
        return pairDevice.childrenByTag("ref").stream()
                .map(ref -> PairingQr.build(new String(ref.contentBytes().orElseThrow(), StandardCharsets.US_ASCII),
                        noiseKey.publicKey(), identity.publicKey(), Base64.getEncoder().encodeToString(advSecret),
                        Browser.macOS("Chrome")))
                .toList();
    }

    /** What a correct client checks in pair-success before it countersigns. */
    record PairSuccessChecks(boolean hmacValid, boolean accountSignatureValid, boolean hasDevice) {}

    PairSuccessChecks check(Node pairSuccessIq) throws InvalidProtocolBufferException {
        Node pairSuccess = pairSuccessIq.child("pair-success").orElseThrow();
        ADVSignedDeviceIdentityHMAC container = ADVSignedDeviceIdentityHMAC.parseFrom(
                pairSuccess.child("device-identity").flatMap(Node::contentBytes).orElseThrow());
        ADVSignedDeviceIdentity signed = ADVSignedDeviceIdentity.parseFrom(container.getDetails());
        boolean hmacValid = java.util.Arrays.equals(container.getHmac().toByteArray(),
                Hashes.hmacSha256(advSecret, container.getDetails().toByteArray()));
        boolean accountSignatureValid = XEdDsa.verify(signed.getAccountSignatureKey().toByteArray(),
                concat(new byte[] {6, 0}, signed.getDetails().toByteArray(), identity.publicKey()),
                signed.getAccountSignature().toByteArray());
        return new PairSuccessChecks(hmacValid, accountSignatureValid, pairSuccess.child("device").isPresent());
    }

    /** Countersigns pair-success as a companion does (protocol.md §5.4) and returns the device JID it names. */
    Jid countersign(MiniClient client, Node pairSuccessIq) throws InvalidProtocolBufferException {
        Node pairSuccess = pairSuccessIq.child("pair-success").orElseThrow();
        Node deviceIdentity = pairSuccess.child("device-identity").orElseThrow();
        ADVSignedDeviceIdentityHMAC container = ADVSignedDeviceIdentityHMAC.parseFrom(deviceIdentity.contentBytes().orElseThrow());
        ADVSignedDeviceIdentity signed = ADVSignedDeviceIdentity.parseFrom(container.getDetails());
        byte[] deviceSignature = XEdDsa.sign(identity.privateKey(), concat(new byte[] {6, 1},
                signed.getDetails().toByteArray(), identity.publicKey(), signed.getAccountSignatureKey().toByteArray()));
        byte[] reply = ADVSignedDeviceIdentity.newBuilder()
                .setDetails(signed.getDetails())
                .setAccountSignature(signed.getAccountSignature())
                .setDeviceSignature(ByteString.copyFrom(deviceSignature))
                .build().toByteArray();
        signedIdentity = ADVSignedDeviceIdentity.newBuilder(ADVSignedDeviceIdentity.parseFrom(reply))
                .setAccountSignatureKey(signed.getAccountSignatureKey()).build().toByteArray();
        client.send(Node.builder("iq").attr("to", "@s.whatsapp.net").attr("type", "result")
                .attr("id", pairSuccessIq.attr("id").orElseThrow())
                .child(Node.builder("pair-device-sign")
                        .child(Node.builder("device-identity").attr("key-index", deviceIdentity.attr("key-index").orElseThrow())
                                .bytes(reply).build())
                        .build())
                .build());
        String jid = pairSuccess.child("device").flatMap(device -> device.attr("jid")).orElseThrow();
        return Jid.parse(jid).orElseThrow();
    }

    /** Registration, scan by the phone, countersignature, 515: returns the linked device's JID. */
    Jid pair(WaSimulator simulator, String phoneNumber) throws Exception {
        var phone = simulator.newPhone(phoneNumber);
        try (MiniClient client = register(simulator)) {
            String qr = readQrCodes(client).getFirst();
            var scan = java.util.concurrent.CompletableFuture.supplyAsync(() -> phone.scan(qr));
            Jid device = countersign(client, client.next("iq"));
            assertThat(scan.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(device);
            assertThat(client.next().attr("code")).contains("515");
            return device;
        }
    }

    static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
