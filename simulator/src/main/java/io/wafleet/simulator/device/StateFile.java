package io.wafleet.simulator.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.jid.Jid;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The simulator's state as one JSON file, written crash-safely: a temp file in the same directory, fsync,
 * atomic rename over the old file, fsync of the directory. A {@code kill -9} at any point leaves either the
 * old or the new file, never a torn one. The mapping is explicit (no reflection) so the format is visible
 * here and versioned.
 */
public final class StateFile {
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final Path path;

    public StateFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    public Path path() {
        return path;
    }

    /** Empty when the file does not exist yet (a first run). */
    public Optional<SimulatorState> load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StateFileException("cannot read state file " + path, e);
        }
        try {
            return Optional.of(fromJson(JSON.readTree(bytes)));
        } catch (IOException | RuntimeException e) {
            throw new StateFileException("state file " + path + " is not a valid simulator state: " + e.getMessage(), e);
        }
    }

    public void save(SimulatorState state) {
        Path directory = path.getParent();
        Path temp = directory.resolve(path.getFileName() + ".tmp");
        try {
            Files.createDirectories(directory);
            try (FileChannel channel = openPrivately(temp)) {
                channel.write(java.nio.ByteBuffer.wrap(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson(state))));
                channel.force(true);
            }
            try {
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new StateFileException("the file system of " + directory + " cannot rename atomically", e);
            }
            try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
                dir.force(true);
            }
        } catch (IOException e) {
            throw new StateFileException("cannot write state file " + path, e);
        }
    }

    /** The file holds private keys (the root's, the phones'): readable by its owner only, where POSIX allows. */
    private static FileChannel openPrivately(Path temp) throws IOException {
        Files.deleteIfExists(temp);
        java.util.Set<StandardOpenOption> options = java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return FileChannel.open(temp, options, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        }
        return FileChannel.open(temp, options);
    }

    private static ObjectNode toJson(SimulatorState state) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.set("rootKey", keyPair(state.rootKey()));
        ArrayNode phones = root.putArray("phones");
        for (PhoneAccount phone : state.phones()) {
            ObjectNode node = phones.addObject();
            node.put("number", phone.number());
            node.set("identity", keyPair(phone.identity()));
            node.put("lidUser", phone.lidUser());
            node.put("linkedDevices", phone.linkedDevices());
        }
        ArrayNode devices = root.putArray("devices");
        for (DeviceRecord device : state.devices()) {
            ObjectNode node = devices.addObject();
            node.put("jid", device.jid().toString());
            node.put("lid", device.lid().toString());
            node.put("phone", device.phone());
            node.put("keyIndex", device.keyIndex());
            node.put("noiseKey", B64.encodeToString(device.noiseKey()));
            node.put("identityKey", B64.encodeToString(device.identityKey()));
            node.put("registrationId", device.registrationId());
            ObjectNode skey = node.putObject("signedPreKey");
            skey.put("id", device.signedPreKey().id());
            skey.put("publicKey", B64.encodeToString(device.signedPreKey().publicKey()));
            skey.put("signature", B64.encodeToString(device.signedPreKey().signature()));
            ArrayNode preKeys = node.putArray("preKeys");
            for (PreKey key : device.preKeys()) {
                preKeys.addObject().put("id", key.id()).put("publicKey", B64.encodeToString(key.publicKey()));
            }
            node.put("signedIdentity", B64.encodeToString(device.signedIdentity()));
            node.put("pairedAt", device.pairedAt().toString());
            device.lastLoginAt().ifPresent(at -> node.put("lastLoginAt", at.toString()));
            node.put("removed", device.removed());
            device.ban().ifPresent(ban -> {
                ObjectNode banNode = node.putObject("ban");
                banNode.put("code", ban.code());
                ban.expiresAt().ifPresent(at -> banNode.put("expiresAt", at.toString()));
            });
        }
        return root;
    }

    private static SimulatorState fromJson(JsonNode root) {
        int version = required(root, "version").asInt();
        if (version != VERSION) {
            throw new StateFileException("unsupported state file version " + version + " (expected " + VERSION + ")");
        }
        KeyPair rootKey = keyPair(required(root, "rootKey"));
        List<PhoneAccount> phones = new ArrayList<>();
        for (JsonNode node : required(root, "phones")) {
            phones.add(new PhoneAccount(text(node, "number"), keyPair(required(node, "identity")),
                    text(node, "lidUser"), required(node, "linkedDevices").asInt()));
        }
        List<DeviceRecord> devices = new ArrayList<>();
        for (JsonNode node : required(root, "devices")) {
            JsonNode skey = required(node, "signedPreKey");
            List<PreKey> preKeys = new ArrayList<>();
            for (JsonNode key : required(node, "preKeys")) {
                preKeys.add(new PreKey(required(key, "id").asInt(), bytes(key, "publicKey")));
            }
            Optional<Ban> ban = Optional.ofNullable(node.get("ban")).map(banNode -> new Ban(
                    Optional.ofNullable(banNode.get("expiresAt")).map(at -> Instant.parse(at.asText())),
                    required(banNode, "code").asInt()));
            devices.add(new DeviceRecord(
                    jid(node, "jid"), jid(node, "lid"), text(node, "phone"), required(node, "keyIndex").asInt(),
                    bytes(node, "noiseKey"), bytes(node, "identityKey"), required(node, "registrationId").asInt(),
                    new SignedPreKey(required(skey, "id").asInt(), bytes(skey, "publicKey"), bytes(skey, "signature")),
                    preKeys, bytes(node, "signedIdentity"), Instant.parse(text(node, "pairedAt")),
                    Optional.ofNullable(node.get("lastLoginAt")).map(at -> Instant.parse(at.asText())),
                    required(node, "removed").asBoolean(), ban));
        }
        return new SimulatorState(rootKey, phones, devices);
    }

    private static ObjectNode keyPair(KeyPair pair) {
        ObjectNode node = JSON.createObjectNode();
        node.put("private", B64.encodeToString(pair.privateKey()));
        node.put("public", B64.encodeToString(pair.publicKey()));
        return node;
    }

    private static KeyPair keyPair(JsonNode node) {
        return new KeyPair(bytes(node, "private"), bytes(node, "public"));
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new StateFileException("missing field '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        return required(node, field).asText();
    }

    private static byte[] bytes(JsonNode node, String field) {
        return B64D.decode(text(node, field));
    }

    private static Jid jid(JsonNode node, String field) {
        String value = text(node, field);
        return Jid.parse(value).orElseThrow(() -> new StateFileException("'" + field + "' is not a JID: " + value));
    }
}
