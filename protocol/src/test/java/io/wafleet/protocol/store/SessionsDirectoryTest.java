package io.wafleet.protocol.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionsDirectoryTest {
    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(strings = {"WA-01", "WA-30", "shop_main", "a", "A-b_9",
            "0123456789012345678901234567890123456789012345678901234567890123"})
    void validIds(String id) {
        assertThat(new AccountId(id).value()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "../WA-01", "a/b", "a\\b", "a.b", "WA 01", "wa:01", "ß",
            "01234567890123456789012345678901234567890123456789012345678901234"})
    void invalidIdsNeverReachTheFileSystem(String id) {
        assertThatThrownBy(() -> new AccountId(id)).isInstanceOf(IllegalArgumentException.class);
        assertThat(AccountId.isValid(id)).isFalse();
    }

    @Test
    void slotsAreRecognised() {
        assertThat(new AccountId("WA-07").isSlot()).isTrue();
        assertThat(new AccountId("WA-7").isSlot()).isFalse();
        assertThat(new AccountId("shop").isSlot()).isFalse();
    }

    @Test
    void everyDirectoryIsClassifiedAndNoneIsModified() throws IOException {
        SessionsDirectory sessions = new SessionsDirectory(root);
        sessions.open(new AccountId("WA-01")).close();
        Files.createDirectories(root.resolve("WA-02"));
        Files.writeString(root.resolve("WA-02").resolve("creds.json"), "{}");
        Files.createDirectories(root.resolve("baileys_auth_info"));
        Files.writeString(root.resolve("baileys_auth_info").resolve("creds.json"), "{}");
        Files.createDirectories(root.resolve("WA-03"));
        Files.createDirectories(root.resolve("WA-04"));
        Files.writeString(root.resolve("WA-04").resolve("notes.txt"), "mine");
        Files.createDirectories(root.resolve("lost+found"));
        Files.createDirectories(root.resolve("WA-05"));
        Files.writeString(root.resolve("WA-05").resolve("creds.json"), "{}");
        Files.writeString(root.resolve("WA-05").resolve(StoreFiles.SNAPSHOT), "");
        Files.writeString(root.resolve("probe.tmp"), "");
        String before = listing();

        assertThat(sessions.scan()).extracting(AccountDirectory::name, AccountDirectory::kind).containsExactly(
                tuple("WA-01", DirectoryKind.OURS),
                tuple("WA-02", DirectoryKind.BAILEYS),
                tuple("WA-03", DirectoryKind.EMPTY),
                tuple("WA-04", DirectoryKind.UNKNOWN),
                tuple("WA-05", DirectoryKind.UNKNOWN),
                tuple("baileys_auth_info", DirectoryKind.BAILEYS),
                tuple("lost+found", DirectoryKind.UNKNOWN));
        assertThat(sessions.scan()).filteredOn(dir -> dir.name().equals("lost+found"))
                .extracting(AccountDirectory::accountId).containsExactly(Optional.empty());
        assertThat(listing()).isEqualTo(before);

        for (String foreign : new String[] {"WA-02", "WA-04", "WA-05"}) {
            assertThatThrownBy(() -> sessions.open(new AccountId(foreign))).isInstanceOf(ForeignDirectoryException.class);
        }
        assertThat(listing()).isEqualTo(before);
    }

    @Test
    void anAccountInterruptedBeforeItsFirstSnapshotCountsAsEmpty() throws IOException {
        Path account = root.resolve("WA-09");
        Files.createDirectories(account);
        Files.writeString(account.resolve(StoreFiles.LOCK), "");
        Files.writeString(account.resolve(StoreFiles.SNAPSHOT_TMP), "half");

        assertThat(SessionsDirectory.classify(account)).isEqualTo(DirectoryKind.EMPTY);
        try (FileAuthStore store = new SessionsDirectory(root).open(new AccountId("WA-09"))) {
            assertThat(store.state().sequence()).isZero();
        }
        assertThat(SessionsDirectory.classify(account)).isEqualTo(DirectoryKind.OURS);
    }

    private String listing() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return String.join("\n", files.map(path -> root.relativize(path) + " " + path.toFile().length()).sorted().toList());
        }
    }
}
