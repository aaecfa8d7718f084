package io.wafleet.protocol.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.proto.ADVSignedDeviceIdentity;
import io.wafleet.protocol.store.Credentials;
import io.wafleet.protocol.store.Me;
import io.wafleet.protocol.store.SignalIdentity;
import io.wafleet.protocol.signal.SignedPreKeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Baileys' {@code creds.json} ({@code AuthenticationCreds}) as our {@link Credentials}. Every key pair is checked
 * (the public key must be the private key's), so a file that was damaged but still parses is refused instead of
 * producing an account that cannot log in.
 */
final class BaileysCredentials {
    private static final String WHAT = "creds.json";
    private static final int KEY_LENGTH = 32;

    /** Fields read into {@link Credentials}. */
    private static final Set<String> READ = Set.of("noiseKey", "signedIdentityKey", "signedPreKey", "registrationId",
            "advSecretKey", "me", "account", "platform", "routingInfo", "nextPreKeyId", "firstUnuploadedPreKeyId",
            "signalIdentities");

    private BaileysCredentials() {}

    /** The credentials and the names of creds.json fields that have no place in ours (for the report). */
    record Read(Credentials credentials, Set<String> ignoredFields) {}

    static Read read(String text) {
        JsonNode root = BaileysJson.parse(text, WHAT);
        if (!root.isObject()) {
            throw new BaileysFormatException(WHAT + ": not a JSON object");
        }
        JsonNode signed = BaileysJson.object(root, "signedPreKey", WHAT);
        SignedPreKeyPair signedPreKey = new SignedPreKeyPair(
                (int) BaileysJson.integer(signed, "keyId", 0, Credentials.MAX_KEY_ID, WHAT + " signedPreKey"),
                BaileysJson.keyPair(BaileysJson.object(signed, "keyPair", WHAT), WHAT + " signedPreKey.keyPair"),
                BaileysJson.bytes(signed, "signature", SignedPreKeyPair.SIGNATURE_LENGTH, WHAT + " signedPreKey"));
        Credentials credentials = new Credentials(
                BaileysJson.keyPair(BaileysJson.object(root, "noiseKey", WHAT), WHAT + " noiseKey"),
                BaileysJson.keyPair(BaileysJson.object(root, "signedIdentityKey", WHAT), WHAT + " signedIdentityKey"),
                signedPreKey,
                (int) BaileysJson.integer(root, "registrationId", 0, Credentials.MAX_REGISTRATION_ID, WHAT),
                BaileysJson.bytes(root, "advSecretKey", Credentials.ADV_SECRET_LENGTH, WHAT),
                me(root),
                account(root),
                optionalText(root, "platform"),
                BaileysJson.present(root, "routingInfo") ? Optional.of(BaileysJson.bytes(root, "routingInfo", WHAT)) : Optional.empty(),
                (int) BaileysJson.integer(root, "nextPreKeyId", 0, Credentials.MAX_KEY_ID + 1, WHAT),
                (int) BaileysJson.integer(root, "firstUnuploadedPreKeyId", 0, Credentials.MAX_KEY_ID + 1, WHAT),
                signalIdentities(root));
        Set<String> ignored = new TreeSet<>();
        root.fieldNames().forEachRemaining(name -> {
            if (!READ.contains(name)) {
                ignored.add(name);
            }
        });
        return new Read(credentials, ignored);
    }

    /** {@code me {id, lid?, name?}}: absent until the account was linked to a phone. */
    private static Optional<Me> me(JsonNode root) {
        if (!BaileysJson.present(root, "me")) {
            return Optional.empty();
        }
        JsonNode me = BaileysJson.object(root, "me", WHAT);
        String id = BaileysJson.text(me, "id", WHAT + " me");
        if (Jid.parse(id).isEmpty()) {
            throw new BaileysFormatException(WHAT + ": me.id is not a JID");
        }
        Optional<String> lid = optionalText(me, "lid");
        if (lid.isPresent() && Jid.parse(lid.get()).isEmpty()) {
            throw new BaileysFormatException(WHAT + ": me.lid is not a JID");
        }
        return Optional.of(new Me(id, lid, optionalText(me, "name")));
    }

    /**
     * {@code account}: the {@code ADVSignedDeviceIdentity} Baileys kept at pairing (protobufjs JSON: base64 strings),
     * encoded as our proto. The account signature covers {@code details}, which is kept byte for byte.
     */
    private static Optional<byte[]> account(JsonNode root) {
        if (!BaileysJson.present(root, "account")) {
            return Optional.empty();
        }
        JsonNode account = BaileysJson.object(root, "account", WHAT);
        ADVSignedDeviceIdentity.Builder identity = ADVSignedDeviceIdentity.newBuilder()
                .setDetails(ByteString.copyFrom(BaileysJson.bytes(account, "details", WHAT + " account")))
                .setAccountSignature(ByteString.copyFrom(BaileysJson.bytes(account, "accountSignature", 64, WHAT + " account")))
                .setDeviceSignature(ByteString.copyFrom(BaileysJson.bytes(account, "deviceSignature", 64, WHAT + " account")));
        if (BaileysJson.present(account, "accountSignatureKey")) {
            identity.setAccountSignatureKey(ByteString.copyFrom(BaileysJson.bytes(account, "accountSignatureKey", KEY_LENGTH, WHAT + " account")));
        }
        return Optional.of(identity.build().toByteArray());
    }

    /**
     * {@code signalIdentities [{identifier {name, deviceId}, identifierKey}]}: Baileys names the primary phone with
     * its full device JID and keeps the key with the 0x05 prefix; we keep the user JID and the 32 raw bytes, as our
     * pairing does.
     */
    private static List<SignalIdentity> signalIdentities(JsonNode root) {
        if (!BaileysJson.present(root, "signalIdentities")) {
            return List.of();
        }
        JsonNode array = root.get("signalIdentities");
        if (!array.isArray()) {
            throw new BaileysFormatException(WHAT + ": signalIdentities is not an array");
        }
        List<SignalIdentity> identities = new ArrayList<>();
        for (JsonNode entry : array) {
            String what = WHAT + " signalIdentities";
            JsonNode identifier = BaileysJson.object(entry, "identifier", what);
            Jid jid = Jid.parse(BaileysJson.text(identifier, "name", what))
                    .orElseThrow(() -> new BaileysFormatException(what + ": identifier.name is not a JID"));
            int deviceId = (int) BaileysJson.integer(identifier, "deviceId", 0, Integer.MAX_VALUE, what);
            byte[] key = BaileysJson.publicKey(entry, "identifierKey", what);
            identities.add(new SignalIdentity(Jid.of(jid.user(), jid.server()).toString(), deviceId, key));
        }
        return identities;
    }

    private static Optional<String> optionalText(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        return node.isTextual() && node.asText().isEmpty() ? Optional.empty() : Optional.of(BaileysJson.text(parent, field, WHAT));
    }
}
