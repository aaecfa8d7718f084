package io.wafleet.protocol.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.wafleet.protocol.signal.EncryptedMessage;
import io.wafleet.protocol.signal.SessionCipher;
import io.wafleet.protocol.signal.SignalAddress;
import io.wafleet.protocol.signal.SignalException;
import io.wafleet.protocol.store.Credentials;
import io.wafleet.protocol.testing.Vectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signal vectors' Baileys auth folders ({@code authFiles} per party) through the importer's reader, and issue 9
 * proof 3: every stored session record ({@code sessionBefore} of each receive step), placed in the party's Baileys
 * folder under its own file name and read by the importer, decrypts the conversation's next message (or refuses
 * it where libsignal did).
 */
class SignalVectorsImportTest {
    private static final String FILE = "signal-1to1.json";

    @TempDir
    Path temp;

    private int folders;

    @Test
    void everyPartysAuthFolderReadsAsItsKeyMaterialAndIsRefusedAsNeverPaired() {
        int parties = 0;
        for (JsonNode conversation : Vectors.loadSignal(FILE).get("conversations")) {
            for (Map.Entry<String, JsonNode> entry : conversation.get("parties").properties()) {
                JsonNode party = entry.getValue();
                Path folder = folder(party.get("authFiles"), name -> true);
                BaileysAuthDirectory.Contents contents = BaileysAuthDirectory.read(folder, ImportLimits.DEFAULT);
                Credentials credentials = contents.credentials();
                assertThat(credentials.signedIdentityKey().privateKey()).isEqualTo(Vectors.hex(party.get("identityKeyPair").get("privateHex")));
                assertThat(credentials.signedIdentityKey().publicKey()).isEqualTo(Vectors.hex(party.get("identityKeyPair").get("publicHex")));
                assertThat(credentials.registrationId()).isEqualTo(party.get("registrationId").asInt());
                JsonNode signed = party.get("signedPreKey");
                assertThat(credentials.signedPreKey().id()).isEqualTo(signed.get("keyId").asInt());
                assertThat(credentials.signedPreKey().signature()).isEqualTo(Vectors.hex(signed.get("signatureHex")));
                assertThat(credentials.signedPreKey().keyPair().privateKey()).isEqualTo(Vectors.hex(signed.get("keyPair").get("privateHex")));
                assertThat(contents.records()).hasSize(party.get("preKeys").size());
                for (JsonNode preKey : party.get("preKeys")) {
                    BaileysKeys.Converted record = contents.records().stream()
                            .filter(r -> r.id().equals(preKey.get("keyId").asText())).findFirst().orElseThrow();
                    assertThat(ImportedSignal.preKeyPair(record.value()).privateKey()).isEqualTo(Vectors.hex(preKey.get("keyPair").get("privateHex")));
                }
                assertThat(contents.problems()).isEmpty();

                ImportReport report = BaileysImport.withDefaults().inspect(folder);
                assertThat(report.refusal().map(ImportReport.Refusal::reason)).contains(ImportException.Reason.NOT_PAIRED);
                assertThatThrownBy(() -> BaileysImport.withDefaults().importInto(folder, new MemoryAuthStore()))
                        .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.reason()).isEqualTo(ImportException.Reason.NOT_PAIRED));
                parties++;
            }
        }
        assertThat(parties).isPositive();
        Vectors.report(FILE, "authFiles folders read by the Baileys import", parties);
    }

    @Test
    void everyStoredSessionRecordReadByTheImporterDecryptsTheNextMessage() {
        int decrypted = 0;
        int refused = 0;
        for (JsonNode conversation : Vectors.loadSignal(FILE).get("conversations")) {
            for (JsonNode step : conversation.get("steps")) {
                if (!"receive".equals(step.get("action").asText()) || step.get("sessionBefore").isNull()) {
                    continue;
                }
                String label = conversation.get("name").asText() + " step " + step.get("step").asInt();
                JsonNode party = conversation.get("parties").get(step.get("party").asText());
                JsonNode peer = conversation.get("parties").get(step.get("peer").asText());
                Set<String> preKeyFiles = new HashSet<>();
                if (step.has("preKeyIdsBefore")) {
                    step.get("preKeyIdsBefore").forEach(id -> preKeyFiles.add("pre-key-" + id.asInt() + ".json"));
                }
                Path folder = folder(party.get("authFiles"), name -> !name.startsWith("pre-key-") || !step.has("preKeyIdsBefore") || preKeyFiles.contains(name));
                write(folder.resolve(step.get("sessionFile").asText()), step.get("sessionBefore").asText());

                BaileysAuthDirectory.Contents contents = BaileysAuthDirectory.read(folder, ImportLimits.DEFAULT);
                assertThat(contents.problems()).as(label).isEmpty();
                SessionCipher cipher = ImportedSignal.cipher(contents.credentials(), contents.records());
                JsonNode message = message(conversation, step.get("message").asText());
                EncryptedMessage incoming = new EncryptedMessage(EncryptedMessage.Type.fromAttribute(step.get("type").asText()),
                        Vectors.hex(message.get("ciphertextHex")));
                SignalAddress from = SignalAddress.parse(peer.get("signalAddress").asText());
                if ("decrypt".equals(step.get("expect").asText())) {
                    assertThat(Vectors.toHex(cipher.decrypt(from, incoming))).as(label).isEqualTo(message.get("paddedPlaintextHex").asText());
                    decrypted++;
                } else {
                    assertThatThrownBy(() -> cipher.decrypt(from, incoming)).as(label).isInstanceOf(SignalException.class);
                    refused++;
                }
            }
        }
        assertThat(decrypted).isPositive();
        Vectors.report(FILE, "stored session records imported, next message decrypted", decrypted);
        Vectors.report(FILE, "stored session records imported, bad message refused", refused);
    }

    private Path folder(JsonNode authFiles, java.util.function.Predicate<String> include) {
        Path folder = temp.resolve("party-" + folders++);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        authFiles.properties().forEach(file -> {
            if (include.test(file.getKey())) {
                write(folder.resolve(file.getKey()), file.getValue().asText());
            }
        });
        return folder;
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode message(JsonNode conversation, String id) {
        for (JsonNode message : conversation.get("messages")) {
            if (message.get("id").asText().equals(id)) {
                return message;
            }
        }
        throw new IllegalArgumentException("no message " + id);
    }
}
