package io.wafleet.protocol.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.proto.StoredAppStateSyncKey;
import io.wafleet.protocol.proto.StoredAppStateValueMac;
import io.wafleet.protocol.proto.StoredAppStateVersion;
import io.wafleet.protocol.proto.StoredDeviceList;
import io.wafleet.protocol.proto.StoredKeyPair;
import io.wafleet.protocol.proto.StoredPreKey;
import io.wafleet.protocol.signal.LibsignalSessionConverter;
import io.wafleet.protocol.signal.SignalAddress;
import io.wafleet.protocol.signal.SignalException;
import io.wafleet.protocol.store.Credentials;
import io.wafleet.protocol.store.KeyCategory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * One Baileys key file as the record wa-fleet stores under a {@link KeyCategory}. Ids stay Baileys' ids (Signal
 * addresses, users, base64 key ids), which are also the ids the rest of wa-fleet reads them by.
 */
final class BaileysKeys {
    private static final int MAX_DEVICE_ID = 0xFFFF;

    private BaileysKeys() {}

    /** A record to store. */
    record Converted(KeyCategory category, String id, byte[] value) {}

    /**
     * The record for a file of {@code type}; empty for the types the import reads but does not store. Errors name
     * {@code fileName}, the name an operator finds in the source.
     */
    static Optional<Converted> convert(BaileysFileType type, String id, String fileName, String text) {
        String what = fileName;
        return switch (type) {
            case PRE_KEY -> Optional.of(preKey(id, text, what));
            case SESSION -> Optional.of(session(id, text, what));
            case IDENTITY_KEY -> Optional.of(identityKey(id, text, what));
            case LID_MAPPING -> Optional.of(lidMapping(id, text, what));
            case DEVICE_LIST -> Optional.of(deviceList(id, text, what));
            case APP_STATE_SYNC_KEY -> Optional.of(appStateSyncKey(id, text, what));
            case APP_STATE_SYNC_VERSION -> Optional.of(appStateVersion(id, text, what));
            case SENDER_KEY -> Optional.of(senderKey(id, text, what));
            case SENDER_KEY_MEMORY, TCTOKEN -> {
                BaileysJson.parse(text, what);
                yield Optional.empty();
            }
            case CREDS, UNKNOWN -> throw new IllegalArgumentException("not a key file type: " + type);
        };
    }

    /**
     * {@code pre-key-<id>.json}: a key pair, stored as the messaging layer's {@code StoredPreKey} under the decimal
     * id, so the AuthStore-backed Signal store reads it as its own.
     */
    private static Converted preKey(String id, String text, String what) {
        int keyId = decimal(id, what);
        if (keyId > Credentials.MAX_KEY_ID) {
            throw new BaileysFormatException(what + ": pre-key id out of range");
        }
        KeyPair pair = BaileysJson.keyPair(object(BaileysJson.parse(text, what), what), what);
        StoredKeyPair stored = StoredKeyPair.newBuilder()
                .setPrivateKey(ByteString.copyFrom(pair.privateKey()))
                .setPublicKey(ByteString.copyFrom(pair.publicKey()))
                .build();
        return new Converted(KeyCategory.PRE_KEY, Integer.toString(keyId),
                StoredPreKey.newBuilder().setKeyPair(stored).build().toByteArray());
    }

    /** {@code session-<address>.json}: libsignal-node's record, converted (current and archived sessions). */
    private static Converted session(String id, String text, String what) {
        SignalAddress address = address(id, what);
        try {
            return new Converted(KeyCategory.SESSION, address.encoded(), LibsignalSessionConverter.toStoredRecord(text));
        } catch (SignalException e) {
            throw new BaileysFormatException(what + ": " + e.getMessage(), e);
        }
    }

    /** {@code identity-key-<address>.json} (rc14): the peer's 33-byte identity key; we keep the 32 raw bytes. */
    private static Converted identityKey(String id, String text, String what) {
        SignalAddress address = address(id, what);
        byte[] key = BaileysJson.rawPublicKey(BaileysJson.bytes(BaileysJson.parse(text, what), what), what);
        return new Converted(KeyCategory.IDENTITY, address.encoded(), key);
    }

    /** {@code lid-mapping-<pn user>.json} → LID user, {@code lid-mapping-<lid user>_reverse.json} → PN user: JSON strings. */
    private static Converted lidMapping(String id, String text, String what) {
        JsonNode value = BaileysJson.parse(text, what);
        if (!value.isTextual() || value.asText().isEmpty() || !value.asText().chars().allMatch(Character::isDigit)) {
            throw new BaileysFormatException(what + ": not a user number");
        }
        return new Converted(KeyCategory.LID_MAPPING, id, value.asText().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code device-list-<user>.json}: device ids as strings ({@code ["0","3"]}). */
    private static Converted deviceList(String id, String text, String what) {
        JsonNode value = BaileysJson.parse(text, what);
        if (!value.isArray()) {
            throw new BaileysFormatException(what + ": not an array");
        }
        StoredDeviceList.Builder list = StoredDeviceList.newBuilder();
        for (JsonNode device : value) {
            list.addDeviceIds(device.isTextual() ? decimal(device.asText(), what) : (int) integerValue(device, what));
        }
        list.getDeviceIdsList().forEach(device -> {
            if (device > MAX_DEVICE_ID) {
                throw new BaileysFormatException(what + ": device id out of range");
            }
        });
        return new Converted(KeyCategory.DEVICE_LIST, id, list.build().toByteArray());
    }

    /**
     * {@code app-state-sync-key-<base64 key id>.json}: protobufjs' JSON of {@code AppStateSyncKeyData}
     * ({@code keyData} base64, {@code fingerprint {rawId, currentIndex, deviceIndexes}}, {@code timestamp} as a string).
     */
    private static Converted appStateSyncKey(String id, String text, String what) {
        try {
            Base64.getDecoder().decode(id);
        } catch (IllegalArgumentException e) {
            throw new BaileysFormatException(what + ": the key id is not base64", e);
        }
        JsonNode value = object(BaileysJson.parse(text, what), what);
        StoredAppStateSyncKey.Builder key = StoredAppStateSyncKey.newBuilder()
                .setKeyData(ByteString.copyFrom(BaileysJson.bytes(value, "keyData", what)));
        if (BaileysJson.present(value, "fingerprint")) {
            JsonNode fingerprint = BaileysJson.object(value, "fingerprint", what);
            if (BaileysJson.present(fingerprint, "rawId")) {
                key.setFingerprintRawId((int) BaileysJson.integer(fingerprint, "rawId", 0, 0xFFFF_FFFFL, what));
            }
            if (BaileysJson.present(fingerprint, "currentIndex")) {
                key.setFingerprintCurrentIndex((int) BaileysJson.integer(fingerprint, "currentIndex", 0, 0xFFFF_FFFFL, what));
            }
            JsonNode indexes = fingerprint.path("deviceIndexes");
            if (!indexes.isMissingNode() && !indexes.isArray()) {
                throw new BaileysFormatException(what + ": fingerprint.deviceIndexes is not an array");
            }
            for (JsonNode index : indexes) {
                key.addFingerprintDeviceIndexes((int) integerValue(index, what));
            }
        }
        if (BaileysJson.present(value, "timestamp")) {
            key.setTimestamp(BaileysJson.integer(value, "timestamp", 0, Long.MAX_VALUE, what));
        }
        return new Converted(KeyCategory.APP_STATE_SYNC_KEY, id, key.build().toByteArray());
    }

    /** {@code app-state-sync-version-<collection>.json}: Baileys' {@code LTHashState {version, hash, indexValueMap}}. */
    private static Converted appStateVersion(String id, String text, String what) {
        JsonNode value = object(BaileysJson.parse(text, what), what);
        StoredAppStateVersion.Builder version = StoredAppStateVersion.newBuilder()
                .setVersion(BaileysJson.integer(value, "version", 0, Long.MAX_VALUE, what))
                .setHash(ByteString.copyFrom(BaileysJson.bytes(value, "hash", 128, what)));
        if (BaileysJson.present(value, "indexValueMap")) {
            for (Map.Entry<String, JsonNode> entry : BaileysJson.object(value, "indexValueMap", what).properties()) {
                byte[] indexMac;
                try {
                    indexMac = Base64.getDecoder().decode(entry.getKey());
                } catch (IllegalArgumentException e) {
                    throw new BaileysFormatException(what + ": an indexValueMap key is not base64", e);
                }
                version.addValueMacs(StoredAppStateValueMac.newBuilder()
                        .setIndexMac(ByteString.copyFrom(indexMac))
                        .setValueMac(ByteString.copyFrom(BaileysJson.bytes(entry.getValue(), "valueMac", what))));
            }
        }
        return new Converted(KeyCategory.APP_STATE_SYNC_VERSION, id, version.build().toByteArray());
    }

    /**
     * {@code sender-key-<group>::<user>::<device>.json}: a Buffer holding libsignal-node's SenderKeyRecord as JSON
     * text. Kept as those bytes (checked to be a JSON array of states) until group messaging reads them.
     */
    private static Converted senderKey(String id, String text, String what) {
        byte[] record = BaileysJson.bytes(BaileysJson.parse(text, what), what);
        if (!BaileysJson.parse(new String(record, StandardCharsets.UTF_8), what + " record").isArray()) {
            throw new BaileysFormatException(what + ": the record is not a list of sender key states");
        }
        return new Converted(KeyCategory.SENDER_KEY, id, record);
    }

    private static SignalAddress address(String id, String what) {
        try {
            return SignalAddress.parse(id);
        } catch (IllegalArgumentException e) {
            throw new BaileysFormatException(what + ": the file name is not a Signal address", e);
        }
    }

    private static JsonNode object(JsonNode node, String what) {
        if (!node.isObject()) {
            throw new BaileysFormatException(what + ": not a JSON object");
        }
        return node;
    }

    private static int decimal(String text, String what) {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new BaileysFormatException(what + ": not a decimal id");
        }
        return Integer.parseInt(text);
    }

    private static long integerValue(JsonNode node, String what) {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 0) {
            throw new BaileysFormatException(what + ": not a non-negative integer");
        }
        return node.asInt();
    }
}
