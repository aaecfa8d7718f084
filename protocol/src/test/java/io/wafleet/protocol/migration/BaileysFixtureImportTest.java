package io.wafleet.protocol.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.wafleet.protocol.crypto.X25519;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.jid.JidMasking;
import io.wafleet.protocol.proto.ADVSignedDeviceIdentity;
import io.wafleet.protocol.proto.StoredAppStateSyncKey;
import io.wafleet.protocol.proto.StoredAppStateVersion;
import io.wafleet.protocol.proto.StoredDeviceList;
import io.wafleet.protocol.signal.EncryptedMessage;
import io.wafleet.protocol.signal.MessagePadding;
import io.wafleet.protocol.signal.SignalAddress;
import io.wafleet.protocol.store.Credentials;
import io.wafleet.protocol.store.FileAuthStore;
import io.wafleet.protocol.store.KeyCategory;
import io.wafleet.protocol.store.SignalIdentity;
import io.wafleet.protocol.store.StateChange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Directories written by the real Baileys (rc14 and rc.9) against the simulator, imported into our file store. */
class BaileysFixtureImportTest {
    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
    static final java.util.List<String> VERSIONS = BaileysFixtures.VERSIONS;

    @TempDir
    Path sessions;

    private final BaileysImport importer = new BaileysImport(ImportLimits.DEFAULT, InstantSource.fixed(NOW));

    @ParameterizedTest
    @FieldSource("VERSIONS")
    void inspectionReportsThePairedAccountAndEveryFileType(String version) {
        Path auth = BaileysFixtures.auth(version);
        ImportReport report = importer.inspect(auth);

        assertThat(report.adoptable()).as(report.toString()).isTrue();
        assertThat(report.paired()).isTrue();
        String jid = BaileysFixtures.creds(version).get("me").get("id").asText();
        assertThat(report.maskedJid()).contains(JidMasking.mask(jid));
        assertThat(report.maskedJid().orElseThrow()).doesNotContain(jid.substring(0, jid.indexOf(':')));
        assertThat(report.problems()).isEmpty();
        for (BaileysFileType type : BaileysFileType.values()) {
            if (type == BaileysFileType.CREDS || type == BaileysFileType.UNKNOWN) {
                continue;
            }
            long files = BaileysFixtures.count(auth, type.prefix() + "-") - longerPrefixes(auth, type);
            TypeSummary summary = report.summary(type);
            assertThat(summary.files()).as(type.name()).isEqualTo(files);
            assertThat(summary.skipped()).as(type.name()).isZero();
            assertThat(summary.stored()).as(type.name()).isEqualTo(type.disposition() == BaileysFileType.Disposition.IGNORED ? 0 : files);
        }
        assertThat(report.summary(BaileysFileType.PRE_KEY).files()).isPositive();
        assertThat(report.summary(BaileysFileType.SESSION).files()).isPositive();
        assertThat(report.summary(BaileysFileType.SENDER_KEY).files()).isPositive();
        assertThat(report.summary(BaileysFileType.LID_MAPPING).files()).isPositive();
        assertThat(report.ignoredCredentialFields()).contains("pairingEphemeralKeyPair", "myAppStateKeyId")
                .doesNotContain("noiseKey", "me", "account");
        assertThat(report.toString()).doesNotContain(jid);
    }

    @ParameterizedTest
    @FieldSource("VERSIONS")
    void credentialsAreBaileysFieldsOneToOne(String version) {
        FileAuthStore store = FileAuthStore.open(sessions.resolve("WA-01"));
        try (store) {
            BaileysImport.Result result = importer.importInto(BaileysFixtures.auth(version), store);
            assertThat(result.outcome()).isEqualTo(BaileysImport.Outcome.IMPORTED);
        }
        try (FileAuthStore reopened = FileAuthStore.open(sessions.resolve("WA-01"))) {
            Credentials credentials = reopened.state().credentials().orElseThrow();
            JsonNode creds = BaileysFixtures.creds(version);
            assertThat(credentials.noiseKey().privateKey()).isEqualTo(BaileysFixtures.buffer(creds.get("noiseKey").get("private")));
            assertThat(credentials.noiseKey().publicKey()).isEqualTo(BaileysFixtures.buffer(creds.get("noiseKey").get("public")));
            assertThat(credentials.signedIdentityKey().privateKey())
                    .isEqualTo(BaileysFixtures.buffer(creds.get("signedIdentityKey").get("private")));
            JsonNode signed = creds.get("signedPreKey");
            assertThat(credentials.signedPreKey().id()).isEqualTo(signed.get("keyId").asInt());
            assertThat(credentials.signedPreKey().keyPair().privateKey()).isEqualTo(BaileysFixtures.buffer(signed.get("keyPair").get("private")));
            assertThat(credentials.signedPreKey().signature()).isEqualTo(BaileysFixtures.buffer(signed.get("signature")));
            assertThat(credentials.registrationId()).isEqualTo(creds.get("registrationId").asInt());
            assertThat(credentials.advSecretKey()).isEqualTo(BaileysFixtures.buffer(creds.get("advSecretKey")));
            assertThat(credentials.me().orElseThrow().jid()).isEqualTo(creds.get("me").get("id").asText());
            assertThat(credentials.me().orElseThrow().lid()).contains(creds.get("me").get("lid").asText());
            assertThat(credentials.platform()).contains(creds.get("platform").asText());
            assertThat(credentials.nextPreKeyId()).isEqualTo(creds.get("nextPreKeyId").asInt());
            assertThat(credentials.firstUnuploadedPreKeyId()).isEqualTo(creds.get("firstUnuploadedPreKeyId").asInt());

            ADVSignedDeviceIdentity account = ADVSignedDeviceIdentity.parseFrom(credentials.account().orElseThrow());
            JsonNode baileysAccount = creds.get("account");
            assertThat(account.getDetails().toByteArray()).isEqualTo(BaileysFixtures.buffer(baileysAccount.get("details")));
            assertThat(account.getAccountSignatureKey().toByteArray()).isEqualTo(BaileysFixtures.buffer(baileysAccount.get("accountSignatureKey")));
            assertThat(account.getAccountSignature().toByteArray()).isEqualTo(BaileysFixtures.buffer(baileysAccount.get("accountSignature")));
            assertThat(account.getDeviceSignature().toByteArray()).isEqualTo(BaileysFixtures.buffer(baileysAccount.get("deviceSignature")));

            JsonNode identity = creds.get("signalIdentities").get(0);
            SignalIdentity ours = credentials.signalIdentities().getFirst();
            String name = identity.get("identifier").get("name").asText();
            assertThat(ours.jid()).isEqualTo(name.replaceFirst(":\\d+@", "@"));
            assertThat(ours.deviceId()).isEqualTo(identity.get("identifier").get("deviceId").asInt());
            assertThat(ours.identityKey()).isEqualTo(X25519.stripTypePrefix(BaileysFixtures.buffer(identity.get("identifierKey"))));
            assertThat(ours.identityKey()).isEqualTo(account.getAccountSignatureKey().toByteArray());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @FieldSource("VERSIONS")
    void keyRecordsKeepBaileysIdsAndValues(String version) throws Exception {
        Path auth = BaileysFixtures.auth(version);
        try (FileAuthStore store = FileAuthStore.open(sessions.resolve("WA-01"))) {
            importer.importInto(auth, store);

            assertThat(store.ids(KeyCategory.PRE_KEY)).hasSize((int) BaileysFixtures.count(auth, "pre-key-"));
            for (String id : store.ids(KeyCategory.PRE_KEY).headSet("2")) {
                JsonNode file = BaileysFixtures.json(auth.resolve("pre-key-" + id + ".json"));
                var pair = ImportedSignal.preKeyPair(store.read(KeyCategory.PRE_KEY, id).orElseThrow());
                assertThat(pair.privateKey()).isEqualTo(BaileysFixtures.buffer(file.get("private")));
                assertThat(pair.publicKey()).isEqualTo(BaileysFixtures.buffer(file.get("public")));
            }
            assertThat(store.ids(KeyCategory.SESSION)).hasSize((int) BaileysFixtures.count(auth, "session-"));
            assertThat(store.ids(KeyCategory.SENDER_KEY)).hasSize((int) BaileysFixtures.count(auth, "sender-key-")
                    - (int) BaileysFixtures.count(auth, "sender-key-memory-"));
            assertThat(store.ids(KeyCategory.SENDER_KEY)).allMatch(id -> id.matches(".+@g\\.us::\\d+::\\d+"));
            assertThat(store.ids(KeyCategory.IDENTITY)).hasSize((int) BaileysFixtures.count(auth, "identity-key-"));
            for (String id : store.ids(KeyCategory.IDENTITY)) {
                byte[] file = BaileysFixtures.buffer(BaileysFixtures.json(auth.resolve("identity-key-" + id + ".json")));
                assertThat(store.read(KeyCategory.IDENTITY, id).orElseThrow()).isEqualTo(X25519.stripTypePrefix(file));
            }

            String pnUser = BaileysFixtures.creds(version).get("me").get("id").asText().replaceFirst(":.*", "");
            String lidUser = BaileysFixtures.creds(version).get("me").get("lid").asText().replaceFirst(":.*", "");
            assertThat(store.read(KeyCategory.LID_MAPPING, pnUser).map(b -> new String(b, StandardCharsets.UTF_8))).contains(lidUser);
            assertThat(store.read(KeyCategory.LID_MAPPING, lidUser + "_reverse").map(b -> new String(b, StandardCharsets.UTF_8))).contains(pnUser);

            JsonNode devices = BaileysFixtures.json(auth.resolve("device-list-" + pnUser + ".json"));
            StoredDeviceList list = StoredDeviceList.parseFrom(store.read(KeyCategory.DEVICE_LIST, pnUser).orElseThrow());
            assertThat(list.getDeviceIdsList()).hasSize(devices.size());
            assertThat(list.getDeviceIds(0)).isEqualTo(devices.get(0).asInt());

            String keyId = BaileysFixtures.creds(version).get("myAppStateKeyId").asText();
            JsonNode syncKey = BaileysFixtures.json(auth.resolve("app-state-sync-key-" + keyId.replace("/", "__") + ".json"));
            StoredAppStateSyncKey key = StoredAppStateSyncKey.parseFrom(store.read(KeyCategory.APP_STATE_SYNC_KEY, keyId).orElseThrow());
            assertThat(key.getKeyData().toByteArray()).isEqualTo(BaileysFixtures.buffer(syncKey.get("keyData")));
            assertThat(key.getTimestamp()).isEqualTo(syncKey.get("timestamp").asLong());
            assertThat(key.getFingerprintRawId()).isEqualTo(syncKey.get("fingerprint").get("rawId").asInt());

            for (String collection : store.ids(KeyCategory.APP_STATE_SYNC_VERSION)) {
                JsonNode file = BaileysFixtures.json(auth.resolve("app-state-sync-version-" + collection + ".json"));
                StoredAppStateVersion stored = StoredAppStateVersion.parseFrom(store.read(KeyCategory.APP_STATE_SYNC_VERSION, collection).orElseThrow());
                assertThat(stored.getVersion()).isEqualTo(file.get("version").asLong());
                assertThat(stored.getHash().toByteArray()).isEqualTo(BaileysFixtures.buffer(file.get("hash")));
                assertThat(stored.getValueMacsCount()).isEqualTo(file.get("indexValueMap").size());
            }
            assertThat(store.ids(KeyCategory.APP_STATE_SYNC_VERSION)).isNotEmpty();
        }
    }

    /**
     * Issue 9, proof 1 without the network: the contact's next message decrypts on the adopted session (a msg, so no
     * new session and no retry), and our reply on it decrypts on the contact's side.
     */
    @ParameterizedTest
    @FieldSource("VERSIONS")
    void adoptedSessionDecryptsTheContactsNextMessage(String version) {
        try (FileAuthStore store = FileAuthStore.open(sessions.resolve("WA-01"))) {
            importer.importInto(BaileysFixtures.auth(version), store);
            JsonNode next = BaileysFixtures.nextMessage(version);
            assertThat(next.get("type").asText()).isEqualTo("msg");
            String user = next.get("from").asText().replaceFirst("@.*", "");

            Credentials ours = store.state().credentials().orElseThrow();
            var cipher = ImportedSignal.cipher(ours, ImportedSignal.records(store));
            SignalAddress contact = SignalAddress.phoneNumber(user, 0);
            byte[] plaintext = cipher.decrypt(contact, new EncryptedMessage(EncryptedMessage.Type.MSG,
                    java.util.Base64.getDecoder().decode(next.get("ciphertextBase64").asText())));
            assertThat(HexFormat.of().formatHex(MessagePadding.unpad(plaintext))).isEqualTo(next.get("messageProtoHex").asText());

            // Our reply on the adopted session, decrypted on the contact's side (its libsignal state, as Baileys saved it).
            byte[] reply = MessagePadding.pad(HexFormat.of().parseHex("0a057265706c79"), 3);
            EncryptedMessage sent = cipher.encrypt(contact, reply);
            assertThat(sent.type()).isEqualTo(EncryptedMessage.Type.MSG);
            BaileysAuthDirectory.Contents contactFolder =
                    BaileysAuthDirectory.read(BaileysFixtures.root(version).resolve("auth.contact"), ImportLimits.DEFAULT);
            Jid me = Jid.parse(ours.me().orElseThrow().jid()).orElseThrow();
            byte[] received = ImportedSignal.cipher(contactFolder.credentials(), contactFolder.records())
                    .decrypt(SignalAddress.phoneNumber(me.user(), me.deviceId()), sent);
            assertThat(received).isEqualTo(reply);
        }
    }

    @ParameterizedTest
    @FieldSource("VERSIONS")
    void theSourceIsByteForByteUntouchedAndARestartImportsNothing(String version) {
        Path auth = BaileysFixtures.auth(version);
        Map<String, BaileysFixtures.FileState> before = BaileysFixtures.snapshot(auth);
        try (FileAuthStore store = FileAuthStore.open(sessions.resolve("WA-01"))) {
            importer.inspect(auth);
            importer.importInto(auth, store);
            long sequence = store.state().sequence();
            ImportMarker marker = BaileysImport.markerOf(store).orElseThrow();
            assertThat(marker.sourcePath()).isEqualTo(auth.toAbsolutePath().normalize().toString());
            assertThat(marker.importedAt()).isEqualTo(NOW);
            assertThat(marker.sourceFileCount()).isEqualTo(before.size() - 1);
            assertThat(importer.sourceUnchanged(auth, marker)).isTrue();

            BaileysImport.Result again = importer.importInto(auth, store);
            assertThat(again.outcome()).isEqualTo(BaileysImport.Outcome.ALREADY_IMPORTED);
            assertThat(store.state().sequence()).isEqualTo(sequence);
        }
        assertThat(BaileysFixtures.snapshot(auth)).isEqualTo(before);
    }

    @ParameterizedTest
    @FieldSource("VERSIONS")
    void aSourceThatChangedAfterTheImportIsReportedNotMerged(String version) throws Exception {
        Path source = BaileysFixtures.copy(version, sessions.resolve("baileys-copy"));
        try (FileAuthStore store = FileAuthStore.open(sessions.resolve("WA-01"))) {
            importer.importInto(source, store);
            long sequence = store.state().sequence();
            // The old service ran again: it consumed a pre-key.
            String consumed = store.ids(KeyCategory.PRE_KEY).first();
            Files.delete(source.resolve("pre-key-" + consumed + ".json"));

            assertThat(importer.sourceUnchanged(source, BaileysImport.markerOf(store).orElseThrow())).isFalse();
            assertThatThrownBy(() -> importer.importInto(source, store))
                    .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.reason()).isEqualTo(ImportException.Reason.SOURCE_CHANGED));
            assertThat(store.state().sequence()).isEqualTo(sequence);
            assertThat(store.ids(KeyCategory.PRE_KEY)).contains(consumed);
        }
    }

    @ParameterizedTest
    @FieldSource("VERSIONS")
    void aTargetWithAnotherAccountIsRefused(String version) {
        try (FileAuthStore store = FileAuthStore.open(sessions.resolve("WA-01"))) {
            store.apply(StateChange.of(Credentials.generate()));
            assertThatThrownBy(() -> importer.importInto(BaileysFixtures.auth(version), store))
                    .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.reason()).isEqualTo(ImportException.Reason.TARGET_NOT_EMPTY));
            assertThat(store.state().sequence()).isEqualTo(1);
        }
    }

    /** Files of longer types that share this type's prefix ({@code sender-key-memory-} under {@code sender-key-}). */
    private static long longerPrefixes(Path auth, BaileysFileType type) {
        long count = 0;
        for (BaileysFileType other : BaileysFileType.values()) {
            if (other != type && other.prefix().length() > type.prefix().length() && other.prefix().startsWith(type.prefix() + "-")) {
                count += BaileysFixtures.count(auth, other.prefix() + "-");
            }
        }
        return count;
    }
}
