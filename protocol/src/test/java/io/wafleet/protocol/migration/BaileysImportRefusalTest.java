package io.wafleet.protocol.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wafleet.protocol.store.KeyCategory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad sources: each is refused with a reason, or loses only the damaged key file, and nothing is written to the target. */
class BaileysImportRefusalTest {
    @TempDir
    Path temp;

    private final BaileysImport importer = BaileysImport.withDefaults();

    @Test
    void aDirectoryWithoutCredsIsNotABaileysAccount() throws IOException {
        Path source = Files.createDirectories(temp.resolve("empty"));
        Files.writeString(source.resolve("pre-key-1.json"), "{}");
        assertRefused(source, ImportException.Reason.NO_CREDENTIALS);
    }

    @Test
    void aMissingDirectoryOrAFileIsUnreadable() throws IOException {
        assertRefused(temp.resolve("nowhere"), ImportException.Reason.UNREADABLE_SOURCE);
        assertRefused(Files.writeString(temp.resolve("plain-file"), "x"), ImportException.Reason.UNREADABLE_SOURCE);
    }

    @Test
    void truncatedCredsAreRefused() throws IOException {
        Path source = copy("truncated");
        String creds = Files.readString(source.resolve("creds.json"));
        Files.writeString(source.resolve("creds.json"), creds.substring(0, creds.length() / 2));
        assertRefused(source, ImportException.Reason.BAD_CREDENTIALS);
    }

    @Test
    void credsWithAForeignPublicKeyAreRefused() throws IOException {
        Path source = copy("foreign-key");
        String creds = Files.readString(source.resolve("creds.json"));
        String noisePublic = BaileysFixtures.creds("rc14").get("noiseKey").get("public").get("data").asText();
        String identityPublic = BaileysFixtures.creds("rc14").get("signedIdentityKey").get("public").get("data").asText();
        Files.writeString(source.resolve("creds.json"), creds.replace(noisePublic, identityPublic));
        ImportReport report = importer.inspect(source);
        assertThat(report.refusal().orElseThrow().message()).contains("noiseKey").contains("does not belong");
    }

    @Test
    void hugeOrWronglyTypedCredentialValuesAreRefused() throws IOException {
        Path source = copy("huge-values");
        String creds = Files.readString(source.resolve("creds.json"));
        String platform = "\"platform\":\"" + BaileysFixtures.creds("rc14").get("platform").asText() + "\"";
        for (String replacement : new String[] {"\"platform\":\"" + "x".repeat(300_000) + "\"", "\"platform\":17"}) {
            Files.writeString(source.resolve("creds.json"), creds.replace(platform, replacement));
            assertThat(importer.inspect(source).refusal().orElseThrow().message()).contains("platform");
        }
        Files.writeString(source.resolve("creds.json"), creds.replaceFirst("\"registrationId\":\\d+", "\"registrationId\":123456789012345678901234567890"));
        assertRefused(source, ImportException.Reason.BAD_CREDENTIALS);
    }

    @Test
    void neverPairedCredsAreReportedAndRefused() throws IOException {
        Path source = copy("never-paired");
        String creds = Files.readString(source.resolve("creds.json"));
        Files.writeString(source.resolve("creds.json"), creds.replaceFirst(",\"me\":\\{[^}]*}", ""));
        ImportReport report = importer.inspect(source);
        assertThat(report.paired()).isFalse();
        assertThat(report.refusal().map(ImportReport.Refusal::reason)).contains(ImportException.Reason.NOT_PAIRED);
        assertRefused(source, ImportException.Reason.NOT_PAIRED);
    }

    @Test
    void aDamagedKeyFileIsSkippedAndReportedAsBaileysWouldTreatIt() throws IOException {
        Path source = copy("damaged-session");
        Path session;
        try (var files = Files.list(source)) {
            session = files.filter(f -> f.getFileName().toString().startsWith("session-")).findFirst().orElseThrow();
        }
        Files.writeString(session, Files.readString(session).substring(0, 40));
        Files.writeString(source.resolve("notes.txt"), "left by an operator");
        Files.writeString(source.resolve("pre-key-abc.json"), "{}");

        ImportReport report = importer.inspect(source);
        assertThat(report.adoptable()).isTrue();
        assertThat(report.summary(BaileysFileType.SESSION).skipped()).isEqualTo(1);
        assertThat(report.summary(BaileysFileType.UNKNOWN).files()).isEqualTo(1);
        assertThat(report.problems()).anyMatch(p -> p.startsWith(session.getFileName().toString()) && p.contains("not JSON"))
                .anyMatch(p -> p.startsWith("notes.txt") && p.contains("ignored"))
                .anyMatch(p -> p.startsWith("pre-key-abc") && p.contains("not a decimal id"));

        MemoryAuthStore target = new MemoryAuthStore();
        assertThat(importer.importInto(source, target).outcome()).isEqualTo(BaileysImport.Outcome.IMPORTED);
        assertThat(target.ids(KeyCategory.SESSION)).isEmpty();
        assertThat(target.ids(KeyCategory.PRE_KEY)).isNotEmpty();
    }

    @Test
    void oversizedSourcesAndFilesAreBounded() throws IOException {
        Path source = copy("large");
        assertThat(new BaileysImport(new ImportLimits(10, 1 << 20, 1 << 30), InstantSource.system()).inspect(source).refusal())
                .map(ImportReport.Refusal::reason).contains(ImportException.Reason.TOO_LARGE);
        assertThat(new BaileysImport(new ImportLimits(10_000, 1 << 20, 10_000), InstantSource.system()).inspect(source).refusal())
                .map(ImportReport.Refusal::reason).contains(ImportException.Reason.TOO_LARGE);
        assertThat(new BaileysImport(new ImportLimits(10_000, 100, 1 << 30), InstantSource.system()).inspect(source).refusal())
                .map(ImportReport.Refusal::reason).contains(ImportException.Reason.BAD_CREDENTIALS);

        Files.writeString(source.resolve("lid-mapping-1.json"), "\"" + "9".repeat(3 << 20) + "\"");
        ImportReport report = new BaileysImport(new ImportLimits(10_000, 1 << 20, 1 << 30), InstantSource.system()).inspect(source);
        assertThat(report.adoptable()).isTrue();
        assertThat(report.problems()).anyMatch(p -> p.startsWith("lid-mapping-1.json") && p.contains("larger than"));
    }

    @Test
    void aLinkIsNotFollowed() throws IOException {
        Path source = copy("link");
        Path outside = Files.writeString(temp.resolve("outside.json"), "\"12345\"");
        Files.createSymbolicLink(source.resolve("lid-mapping-777.json"), outside);
        ImportReport report = importer.inspect(source);
        assertThat(report.summary(BaileysFileType.LID_MAPPING).files()).isEqualTo(BaileysFixtures.count(BaileysFixtures.auth("rc14"), "lid-mapping-"));
    }

    @Test
    void fileNamesAreUnescapedAsBaileysEscapedThem() {
        assertThat(BaileysFileType.classify("sender-key-120363000000000001@g.us--15550001001--1.json"))
                .isEqualTo(new BaileysFileType.Named(BaileysFileType.SENDER_KEY, "120363000000000001@g.us::15550001001::1"));
        assertThat(BaileysFileType.classify("sender-key-memory-120363000000000001@g.us.json").type()).isEqualTo(BaileysFileType.SENDER_KEY_MEMORY);
        assertThat(BaileysFileType.classify("app-state-sync-key-ab__cd==.json"))
                .isEqualTo(new BaileysFileType.Named(BaileysFileType.APP_STATE_SYNC_KEY, "ab/cd=="));
        assertThat(BaileysFileType.classify("session-1000015550001001_1.3.json"))
                .isEqualTo(new BaileysFileType.Named(BaileysFileType.SESSION, "1000015550001001_1.3"));
        assertThat(BaileysFileType.classify("pre-key-.json").type()).isEqualTo(BaileysFileType.UNKNOWN);
        assertThat(BaileysFileType.classify("creds.json.bak").type()).isEqualTo(BaileysFileType.UNKNOWN);
    }

    @Test
    void buffersAreReadInEveryFormBaileysReadsBack() {
        var node = BaileysJson.parse("{\"a\":{\"type\":\"Buffer\",\"data\":\"AQID\"},\"b\":{\"0\":1,\"1\":2,\"2\":3},\"c\":\"AQID\","
                + "\"d\":{\"1\":1},\"e\":{\"type\":\"Buffer\",\"data\":[1,2,3]}}", "test");
        assertThat(BaileysJson.bytes(node, "a", "test")).containsExactly(1, 2, 3);
        assertThat(BaileysJson.bytes(node, "b", "test")).containsExactly(1, 2, 3);
        assertThat(BaileysJson.bytes(node, "c", "test")).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> BaileysJson.bytes(node, "d", "test")).isInstanceOf(BaileysFormatException.class);
        assertThatThrownBy(() -> BaileysJson.bytes(node, "e", "test")).isInstanceOf(BaileysFormatException.class);
    }

    private Path copy(String name) {
        return BaileysFixtures.copy("rc14", temp.resolve(name));
    }

    private void assertRefused(Path source, ImportException.Reason reason) {
        ImportReport report = importer.inspect(source);
        assertThat(report.refusal().map(ImportReport.Refusal::reason)).as(report.toString()).contains(reason);
        MemoryAuthStore target = new MemoryAuthStore();
        assertThatThrownBy(() -> importer.importInto(source, target))
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.reason()).isEqualTo(reason));
        assertThat(target.applies()).isZero();
    }
}
