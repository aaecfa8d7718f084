package io.wafleet.protocol.client;

import static io.wafleet.protocol.crypto.Bytes.concat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.crypto.Hashes;
import io.wafleet.protocol.crypto.XEdDsa;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.proto.ADVDeviceIdentity;
import io.wafleet.protocol.proto.ADVEncryptionType;
import io.wafleet.protocol.proto.ADVSignedDeviceIdentity;
import io.wafleet.protocol.proto.ADVSignedDeviceIdentityHMAC;
import io.wafleet.protocol.store.Credentials;
import io.wafleet.protocol.store.Me;
import io.wafleet.protocol.store.SignalIdentity;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * The companion's half of QR pairing: checks the phone's {@code pair-success} for real and produces what the
 * companion keeps and what it answers.
 *
 * <p>Checks, in order: the HMAC over the signed identity with the adv secret from our QR (proves the phone read
 * our QR), then the phone's XEdDSA account signature over our identity key (proves the account key vouches for
 * this device). Baileys skips the second in effect; we do not. Then we sign the device identity ourselves.
 */
final class CompanionPairing {
    private static final byte[] ACCOUNT_PREFIX = {6, 0};
    private static final byte[] DEVICE_PREFIX = {6, 1};
    private static final byte[] HOSTED_ACCOUNT_PREFIX = {6, 5};
    private static final byte[] HOSTED_DEVICE_PREFIX = {6, 6};

    /** What pairing yields: credentials to commit before answering, the answer, and the event to report. */
    record Outcome(Credentials credentials, Node reply, ClientEvent.Paired paired) {}

    private CompanionPairing() {}

    static Outcome complete(Node iq, Credentials credentials) throws PairingException {
        Node success = iq.child("pair-success").orElseThrow(() -> new PairingException("no pair-success element"));
        Node identityNode = success.child("device-identity")
                .orElseThrow(() -> new PairingException("pair-success without device-identity"));
        Node device = success.child("device").orElseThrow(() -> new PairingException("pair-success without device"));
        String jid = device.attr("jid").orElseThrow(() -> new PairingException("device element without jid"));
        if (Jid.parse(jid).isEmpty()) {
            throw new PairingException("device jid is not a JID");
        }
        Optional<String> lid = device.attr("lid");
        String platform = success.child("platform").flatMap(p -> p.attr("name")).orElse("unknown");
        Optional<String> businessName = success.child("biz").flatMap(b -> b.attr("name"));
        byte[] container = identityNode.contentBytes()
                .orElseThrow(() -> new PairingException("device-identity without content"));

        ADVSignedDeviceIdentityHMAC hmacContainer = parse(() -> ADVSignedDeviceIdentityHMAC.parseFrom(container), "device-identity");
        boolean hostedAccount = hmacContainer.getAccountType() == ADVEncryptionType.HOSTED;
        byte[] signedBytes = hmacContainer.getDetails().toByteArray();
        byte[] expectedHmac = hostedAccount
                ? Hashes.hmacSha256(credentials.advSecretKey(), HOSTED_ACCOUNT_PREFIX, signedBytes)
                : Hashes.hmacSha256(credentials.advSecretKey(), signedBytes);
        if (!MessageDigest.isEqual(expectedHmac, hmacContainer.getHmac().toByteArray())) {
            throw new PairingException("device identity HMAC does not match our adv secret");
        }

        ADVSignedDeviceIdentity signed = parse(() -> ADVSignedDeviceIdentity.parseFrom(signedBytes), "signed device identity");
        byte[] details = signed.getDetails().toByteArray();
        ADVDeviceIdentity identity = parse(() -> ADVDeviceIdentity.parseFrom(details), "device identity details");
        boolean hostedDevice = identity.getDeviceType() == ADVEncryptionType.HOSTED;
        byte[] accountKey = signed.getAccountSignatureKey().toByteArray();
        byte[] ourIdentity = credentials.signedIdentityKey().publicKey();
        byte[] accountMessage = concat(hostedDevice ? HOSTED_ACCOUNT_PREFIX : ACCOUNT_PREFIX, details, ourIdentity);
        if (accountKey.length != 32 || !XEdDsa.verify(accountKey, accountMessage, signed.getAccountSignature().toByteArray())) {
            throw new PairingException("account signature does not verify");
        }

        byte[] deviceMessage = concat(hostedDevice ? HOSTED_DEVICE_PREFIX : DEVICE_PREFIX, details, ourIdentity, accountKey);
        byte[] deviceSignature = XEdDsa.sign(credentials.signedIdentityKey().privateKey(), deviceMessage);
        ADVSignedDeviceIdentity kept = signed.toBuilder().setDeviceSignature(ByteString.copyFrom(deviceSignature)).build();
        // The answer echoes details and account signature but leaves out the account key, as WhatsApp Web does.
        byte[] answer = kept.toBuilder().clearAccountSignatureKey().build().toByteArray();

        String keyIndex = identityNode.attr("key-index").orElse(Integer.toString(identity.getKeyIndex()));
        Node reply = Node.builder("iq")
                .attr("to", Jid.SERVER.toString())
                .attr("type", "result")
                .attr("id", iq.attr("id").orElseThrow(() -> new PairingException("pair-success iq without id")))
                .child(Node.builder("pair-device-sign")
                        .child(Node.builder("device-identity").attr("key-index", keyIndex).bytes(answer).build())
                        .build())
                .build();

        String identityOwner = lid.flatMap(Jid::parse).or(() -> Jid.parse(jid)).map(CompanionPairing::userOnly).orElse(jid);
        Credentials paired = credentials.toBuilder()
                .me(new Me(jid, lid, businessName))
                .account(kept.toByteArray())
                .platform(platform)
                .signalIdentities(List.of(new SignalIdentity(identityOwner, 0, accountKey)))
                .build();
        return new Outcome(paired, reply, new ClientEvent.Paired(jid, lid, businessName, platform));
    }

    /** The answer WhatsApp expects when it sent a pair-success we refuse (as whatsmeow answers). */
    static Node refusal(Node iq) {
        return Node.builder("iq")
                .attr("to", Jid.SERVER.toString())
                .attr("type", "error")
                .attr("id", iq.attr("id").orElse(""))
                .child(Node.of("error", "code", "401", "text", "not-authorized"))
                .build();
    }

    private static String userOnly(Jid jid) {
        return Jid.of(jid.user(), jid.server()).toString();
    }

    private interface Parser<T> {
        T parse() throws InvalidProtocolBufferException;
    }

    private static <T> T parse(Parser<T> parser, String what) throws PairingException {
        try {
            return parser.parse();
        } catch (InvalidProtocolBufferException e) {
            throw new PairingException(what + " is not a valid protobuf", e);
        }
    }
}
