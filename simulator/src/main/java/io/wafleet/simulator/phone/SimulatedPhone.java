package io.wafleet.simulator.phone;

import static io.wafleet.protocol.crypto.Bytes.concat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.crypto.Hashes;
import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.crypto.X25519;
import io.wafleet.protocol.crypto.XEdDsa;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.proto.ADVDeviceIdentity;
import io.wafleet.protocol.proto.ADVSignedDeviceIdentity;
import io.wafleet.protocol.proto.ADVSignedDeviceIdentityHMAC;
import io.wafleet.simulator.PairSuccessDefect;
import io.wafleet.simulator.crypto.IndependentSignatureVerifier;
import io.wafleet.simulator.device.DeviceRecord;
import io.wafleet.simulator.device.DeviceRegistry;
import io.wafleet.simulator.device.MaskedNumber;
import io.wafleet.simulator.device.PhoneAccount;
import io.wafleet.simulator.messaging.SimulatedContact;
import io.wafleet.simulator.session.PairingChannel;
import io.wafleet.simulator.session.RegistrationRequest;
import io.wafleet.simulator.session.ServerContext;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The primary phone of a simulated account. {@link #scan} does what a real phone does when it scans a
 * companion's QR code (protocol.md §5.3–§5.4): vouch for the companion with a signed device identity
 * (account signature by the phone's identity key, HMAC keyed by the QR's adv secret), then check the
 * companion's countersignature with an independent verifier before the server stores the device.
 */
public final class SimulatedPhone {
    /** How long the phone waits for the companion's pair-device-sign. */
    private static final Duration SIGN_TIMEOUT = Duration.ofSeconds(30);
    private static final byte[] ACCOUNT_SIGNATURE_PREFIX = {6, 0};
    private static final byte[] DEVICE_SIGNATURE_PREFIX = {6, 1};

    private final String number;
    private final ServerContext context;

    public SimulatedPhone(String number, ServerContext context) {
        this.number = context.registry().phone(number).number();
        this.context = context;
    }

    /** The phone number, digits only. */
    public String number() {
        return number;
    }

    public byte[] identityPublicKey() {
        return account().identity().publicKey();
    }

    /**
     * The phone as a Signal peer (device 0 of the account): it receives the copies its companions make of what
     * they send, and can send texts itself.
     */
    public SimulatedContact primaryDevice() {
        return context.router().contact(number);
    }

    /** Links the companion showing this QR string; returns its device JID once pairing completed. */
    public Jid scan(String qr) {
        ScannedQr scanned = ScannedQr.parse(qr);
        PairingChannel channel = context.pairingDesk().find(scanned.ref())
                .orElseThrow(() -> new PairingException("no connection is showing this QR code (expired or closed)"));
        RegistrationRequest request;
        try {
            request = channel.registration();
        } catch (IllegalStateException e) {
            throw new PairingException("the connection showing this QR code is already pairing or closed", e);
        }
        if (!MessageDigest.isEqual(scanned.noiseKey(), request.noiseKey())
                || !MessageDigest.isEqual(scanned.identityKey(), request.identityKey())) {
            throw new PairingException("the QR code's keys are not the ones the connection registered with");
        }
        PhoneAccount account = context.registry().reserveDeviceSlot(number);
        int deviceId = account.linkedDevices();
        Jid jid = DeviceRegistry.deviceJid(number, deviceId);
        Jid lid = DeviceRegistry.deviceLid(account.lidUser(), deviceId);
        Optional<PairSuccessDefect> defect = context.faults().pairSuccessDefect();

        byte[] details = ADVDeviceIdentity.newBuilder()
                .setRawId(context.random().nextInt() & 0x7FFF_FFFF)
                .setTimestamp(context.clock().instant().getEpochSecond())
                .setKeyIndex(deviceId)
                .build().toByteArray();
        byte[] accountSignature = accountSignature(account.identity(), details, request.identityKey(), defect);
        byte[] signedIdentity = ADVSignedDeviceIdentity.newBuilder()
                .setDetails(ByteString.copyFrom(details))
                .setAccountSignatureKey(ByteString.copyFrom(account.identity().publicKey()))
                .setAccountSignature(ByteString.copyFrom(accountSignature))
                .build().toByteArray();
        byte[] hmacKey = defect.equals(Optional.of(PairSuccessDefect.BAD_HMAC)) ? randomBytes(32) : scanned.advSecret();
        byte[] container = ADVSignedDeviceIdentityHMAC.newBuilder()
                .setDetails(ByteString.copyFrom(signedIdentity))
                .setHmac(ByteString.copyFrom(Hashes.hmacSha256(hmacKey, signedIdentity)))
                .build().toByteArray();

        Node reply = await(channel, pairSuccess(container, deviceId, jid, lid, defect));
        byte[] countersigned = checkCountersignature(reply, details, accountSignature, request.identityKey(),
                account.identity().publicKey());
        context.registry().addDevice(new DeviceRecord(jid, lid, number, deviceId, request.noiseKey(),
                request.identityKey(), request.registrationId(), request.signedPreKey(), List.of(), countersigned,
                context.clock().instant(), Optional.empty(), false, Optional.empty()));
        context.counters().devicePaired();
        channel.pairingCompleted();
        return jid;
    }

    /**
     * XEdDSA by the phone's identity key over {@code 06 00 ‖ details ‖ companion identity}, re-checked with the
     * independent verifier so the simulator never sends a broken signature by accident.
     */
    private static byte[] accountSignature(KeyPair identity, byte[] details, byte[] companionIdentity,
            Optional<PairSuccessDefect> defect) {
        byte[] message = concat(ACCOUNT_SIGNATURE_PREFIX, details, companionIdentity);
        if (defect.equals(Optional.of(PairSuccessDefect.BAD_ACCOUNT_SIGNATURE))) {
            return XEdDsa.sign(X25519.generateKeyPair().privateKey(), message);
        }
        byte[] signature = XEdDsa.sign(identity.privateKey(), message);
        if (!IndependentSignatureVerifier.verify(identity.publicKey(), message, signature)) {
            throw new IllegalStateException("the phone's own account signature does not verify");
        }
        return signature;
    }

    private static Node pairSuccess(byte[] container, int keyIndex, Jid jid, Jid lid, Optional<PairSuccessDefect> defect) {
        Node.Builder pairSuccess = Node.builder("pair-success")
                .child(Node.builder("device-identity").attr("key-index", Integer.toString(keyIndex)).bytes(container).build())
                .child(Node.of("platform", "name", "android"));
        if (!defect.equals(Optional.of(PairSuccessDefect.MISSING_DEVICE))) {
            pairSuccess.child(Node.of("device", "jid", jid.toString(), "lid", lid.toString()));
        }
        return pairSuccess.build();
    }

    private static Node await(PairingChannel channel, Node pairSuccess) {
        try {
            return channel.sendPairSuccess(pairSuccess).get(SIGN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new PairingException("the companion went away before countersigning: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new PairingException("the companion did not answer pair-success within " + SIGN_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PairingException("interrupted while waiting for the companion", e);
        }
    }

    /**
     * The companion must echo details and account signature unchanged and add a device signature over
     * {@code 06 01 ‖ details ‖ companion identity ‖ phone identity}; returns the countersigned identity.
     */
    private static byte[] checkCountersignature(Node reply, byte[] details, byte[] accountSignature,
            byte[] companionIdentity, byte[] phoneIdentity) {
        if (!reply.attr("type").equals(Optional.of("result"))) {
            throw new PairingException("the companion refused pair-success: " + reply);
        }
        byte[] signed = reply.child("pair-device-sign").flatMap(sign -> sign.child("device-identity"))
                .flatMap(Node::contentBytes)
                .orElseThrow(() -> new PairingException("pair-device-sign without a device-identity"));
        ADVSignedDeviceIdentity identity;
        try {
            identity = ADVSignedDeviceIdentity.parseFrom(signed);
        } catch (InvalidProtocolBufferException e) {
            throw new PairingException("pair-device-sign carries no ADVSignedDeviceIdentity", e);
        }
        if (!MessageDigest.isEqual(identity.getDetails().toByteArray(), details)
                || !MessageDigest.isEqual(identity.getAccountSignature().toByteArray(), accountSignature)) {
            throw new PairingException("the companion changed the details or the account signature");
        }
        byte[] message = concat(DEVICE_SIGNATURE_PREFIX, details, companionIdentity, phoneIdentity);
        if (!IndependentSignatureVerifier.verify(companionIdentity, message, identity.getDeviceSignature().toByteArray())) {
            throw new PairingException("the companion's device signature does not verify");
        }
        return signed;
    }

    private PhoneAccount account() {
        return context.registry().findPhoneExact(number).orElseThrow();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        context.random().nextBytes(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return "SimulatedPhone[" + MaskedNumber.of(number) + "]";
    }
}
