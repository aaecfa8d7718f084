package io.wafleet.protocol.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAuthStoreTest {
    private static final CompactionPolicy NEVER = new CompactionPolicy(Long.MAX_VALUE, Integer.MAX_VALUE);

    @TempDir
    Path sessions;

    private final Random random = new Random(42);

    private Path account() {
        return sessions.resolve("WA-01");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aNewAccountStartsEmptyInThreeFiles() throws IOException {
        try (FileAuthStore store = FileAuthStore.open(account())) {
            assertThat(store.state()).isEqualTo(new AuthState(java.util.Optional.empty(), 0));
            assertThat(store.read(KeyCategory.PRE_KEY, "1")).isEmpty();
            assertThat(store.ids(KeyCategory.PRE_KEY)).isEmpty();
        }
        try (Stream<Path> files = Files.list(account())) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder(StoreFiles.SNAPSHOT, StoreFiles.JOURNAL, StoreFiles.LOCK);
        }
    }

    @Test
    void committedCredentialsAndKeysSurviveReopening() {
        Credentials creds = TestCredentials.paired(random);
        try (FileAuthStore store = FileAuthStore.open(account(), NEVER)) {
            store.apply(StateChange.builder()
                    .credentials(creds)
                    .put(KeyCategory.PRE_KEY, "1", bytes("one"))
                    .put(KeyCategory.PRE_KEY, "2", bytes("two"))
                    .put(KeyCategory.SESSION, "40712345612.0", bytes("session"))
                    .build());
            store.apply(StateChange.builder()
                    .delete(KeyCategory.PRE_KEY, "1")
                    .put(KeyCategory.PRE_KEY, "2", bytes("two, again"))
                    .build());
        }
        try (FileAuthStore store = FileAuthStore.open(account(), NEVER)) {
            assertThat(store.state()).isEqualTo(new AuthState(java.util.Optional.of(creds), 2));
            Map<String, byte[]> preKeys = store.read(KeyCategory.PRE_KEY, List.of("1", "2", "3"));
            assertThat(preKeys).containsOnlyKeys("2");
            assertThat(preKeys.get("2")).isEqualTo(bytes("two, again"));
            assertThat(store.read(KeyCategory.SESSION, "40712345612.0")).hasValue(bytes("session"));
            assertThat(store.read(KeyCategory.SENDER_KEY, "40712345612.0")).isEmpty();
            assertThat(store.ids(KeyCategory.PRE_KEY)).containsExactly("2");
        }
    }

    @Test
    void anEmptyChangeCommitsNothing() {
        try (FileAuthStore store = FileAuthStore.open(account())) {
            store.apply(StateChange.builder().build());
            assertThat(store.state().sequence()).isZero();
        }
    }

    @Test
    void compactionKeepsEveryKeyReadableAcrossManyBlocks() throws IOException {
        CompactionPolicy small = new CompactionPolicy(4096, 50);
        Credentials creds = TestCredentials.unpaired(random);
        int keys = 600;
        try (FileAuthStore store = FileAuthStore.open(account(), small)) {
            store.apply(StateChange.of(creds));
            for (int i = 0; i < keys; i++) {
                store.apply(StateChange.builder().put(KeyCategory.SESSION, "s" + i, value(i)).build());
            }
            for (int i = 0; i < keys; i += 3) {
                store.apply(StateChange.builder().delete(KeyCategory.SESSION, "s" + i).build());
            }
            assertEveryKey(store, keys);
        }
        assertThat(Files.size(account().resolve(StoreFiles.SNAPSHOT))).isGreaterThan(3L * Snapshot.BLOCK_BYTES);
        assertThat(Files.size(account().resolve(StoreFiles.JOURNAL))).isLessThan(4096 + 1024);
        try (FileAuthStore store = FileAuthStore.open(account(), small)) {
            assertThat(store.state()).isEqualTo(new AuthState(java.util.Optional.of(creds), 1 + keys + keys / 3));
            assertEveryKey(store, keys);
        }
    }

    /** Values of about 100 bytes that differ per key, so a read from the wrong frame shows. */
    private static byte[] value(int i) {
        return bytes(("value-" + i + "-").repeat(10));
    }

    private static void assertEveryKey(AuthStore store, int keys) {
        for (int i = 0; i < keys; i++) {
            if (i % 3 == 0) {
                assertThat(store.read(KeyCategory.SESSION, "s" + i)).as("s" + i).isEmpty();
            } else {
                assertThat(store.read(KeyCategory.SESSION, "s" + i)).as("s" + i).hasValue(value(i));
            }
            assertThat(store.read(KeyCategory.SESSION, "s" + i + "x")).isEmpty();
        }
        assertThat(store.read(KeyCategory.PRE_KEY, "s1")).isEmpty();
        assertThat(store.ids(KeyCategory.SESSION)).hasSize(keys - (keys + 2) / 3);
    }

    @Test
    void aTransactionCutShortIsDroppedAndTheStoreGoesOn() throws IOException {
        try (FileAuthStore store = FileAuthStore.open(account(), NEVER)) {
            store.apply(StateChange.builder().put(KeyCategory.PRE_KEY, "1", bytes("kept")).build());
            store.apply(StateChange.builder().put(KeyCategory.PRE_KEY, "2", bytes("torn")).build());
        }
        Path journal = account().resolve(StoreFiles.JOURNAL);
        for (long cut = Files.size(journal) - 1; ; cut--) {
            try (RandomAccessFile file = new RandomAccessFile(journal.toFile(), "rw")) {
                file.setLength(cut);
            }
            try (FileAuthStore store = FileAuthStore.open(account(), NEVER)) {
                if (store.state().sequence() == 1) {
                    assertThat(store.read(KeyCategory.PRE_KEY, "1")).hasValue(bytes("kept"));
                    assertThat(store.read(KeyCategory.PRE_KEY, "2")).isEmpty();
                    store.apply(StateChange.builder().put(KeyCategory.PRE_KEY, "3", bytes("after")).build());
                    break;
                }
                assertThat(store.read(KeyCategory.PRE_KEY, "2")).hasValue(bytes("torn"));
            }
        }
        try (FileAuthStore store = FileAuthStore.open(account(), NEVER)) {
            assertThat(store.state().sequence()).isEqualTo(2);
            assertThat(store.ids(KeyCategory.PRE_KEY)).containsExactly("1", "3");
        }
    }

    @Test
    void zerosAfterTheLastCommitAreATornTail() throws IOException {
        try (FileAuthStore store = FileAuthStore.open(account(), NEVER)) {
            store.apply(StateChange.builder().put(KeyCategory.PRE_KEY, "1", bytes("kept")).build());
        }
        Path journal = account().resolve(StoreFiles.JOURNAL);
        Files.write(journal, new byte[300], java.nio.file.StandardOpenOption.APPEND);
        try (FileAuthStore store = FileAuthStore.open(account(), NEVER)) {
            assertThat(store.read(KeyCategory.PRE_KEY, "1")).hasValue(bytes("kept"));
        }
    }

    @Test
    void damageBeforeTheLastCommitIsReportedAndNothingIsModified() throws IOException {
        try (FileAuthStore store = FileAuthStore.open(account(), NEVER)) {
            store.apply(StateChange.builder().put(KeyCategory.PRE_KEY, "1", bytes("first")).build());
            store.apply(StateChange.builder().put(KeyCategory.PRE_KEY, "2", bytes("second")).build());
        }
        Path journal = account().resolve(StoreFiles.JOURNAL);
        byte[] damaged = Files.readAllBytes(journal);
        int at = indexOf(damaged, bytes("first"));
        damaged[at] ^= 1;
        Files.write(journal, damaged);

        assertThatThrownBy(() -> FileAuthStore.open(account(), NEVER))
                .isInstanceOf(CorruptStoreException.class)
                .hasMessageContaining("checksum");
        assertThat(Files.readAllBytes(journal)).isEqualTo(damaged);
    }

    @Test
    void aDamagedSnapshotIsReportedAndNothingIsModified() throws IOException {
        try (FileAuthStore store = FileAuthStore.open(account(), new CompactionPolicy(1, 1))) {
            store.apply(StateChange.builder().put(KeyCategory.SESSION, "a", bytes("in the snapshot")).build());
        }
        Path snapshot = account().resolve(StoreFiles.SNAPSHOT);
        byte[] damaged = Files.readAllBytes(snapshot);
        damaged[indexOf(damaged, bytes("in the snapshot"))] ^= 0x40;
        Files.write(snapshot, damaged);
        byte[] journal = Files.readAllBytes(account().resolve(StoreFiles.JOURNAL));

        assertThatThrownBy(() -> FileAuthStore.open(account())).isInstanceOf(CorruptStoreException.class);
        assertThat(Files.readAllBytes(snapshot)).isEqualTo(damaged);
        assertThat(Files.readAllBytes(account().resolve(StoreFiles.JOURNAL))).isEqualTo(journal);
    }

    @Test
    void aFileOfANewerFormatIsRefusedByName() throws IOException {
        FileAuthStore.open(account()).close();
        Path snapshot = account().resolve(StoreFiles.SNAPSHOT);
        byte[] newer = Files.readAllBytes(snapshot);
        newer[4] = 2;
        Files.write(snapshot, newer);

        assertThatThrownBy(() -> FileAuthStore.open(account()))
                .isInstanceOf(CorruptStoreException.class)
                .hasMessageContaining("format version 2");
        assertThat(Files.readAllBytes(snapshot)).isEqualTo(newer);
    }

    @Test
    void aFileThatIsNotOursIsRefused() throws IOException {
        FileAuthStore.open(account()).close();
        Path journal = account().resolve(StoreFiles.JOURNAL);
        Files.writeString(journal, "{\"not\": \"a journal\"}");

        assertThatThrownBy(() -> FileAuthStore.open(account()))
                .isInstanceOf(CorruptStoreException.class)
                .hasMessageContaining("not a wa-fleet journal");
    }

    @Test
    void aJournalAlreadyFoldedIntoTheSnapshotIsReplaced() throws IOException {
        Path journal = account().resolve(StoreFiles.JOURNAL);
        Path stale = sessions.resolve("stale-journal");
        try (FileAuthStore store = FileAuthStore.open(account(), new CompactionPolicy(Long.MAX_VALUE, 3))) {
            store.apply(StateChange.builder().put(KeyCategory.PRE_KEY, "1", bytes("a")).build());
            store.apply(StateChange.builder().put(KeyCategory.PRE_KEY, "2", bytes("b")).build());
            Files.copy(journal, stale);
            store.apply(StateChange.builder().put(KeyCategory.PRE_KEY, "3", bytes("c")).build());
        }
        // As if the compaction had been killed after renaming its snapshot, before replacing the journal.
        Files.copy(stale, journal, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(account().resolve(StoreFiles.SNAPSHOT_TMP), "half-written");

        try (FileAuthStore store = FileAuthStore.open(account())) {
            assertThat(store.state().sequence()).isEqualTo(3);
            assertThat(store.ids(KeyCategory.PRE_KEY)).containsExactly("1", "2", "3");
        }
        assertThat(Files.exists(account().resolve(StoreFiles.SNAPSHOT_TMP))).isFalse();
        assertThat(Files.size(journal)).isLessThan(Files.size(stale));
    }

    @Test
    void aJournalWithoutItsSnapshotIsReported() throws IOException {
        FileAuthStore.open(account()).close();
        Files.delete(account().resolve(StoreFiles.SNAPSHOT));

        assertThatThrownBy(() -> FileAuthStore.open(account()))
                .isInstanceOf(CorruptStoreException.class)
                .hasMessageContaining("without a snapshot");
    }

    @Test
    void anAccountOpensInOneStoreAtATime() {
        try (FileAuthStore first = FileAuthStore.open(account())) {
            assertThatThrownBy(() -> FileAuthStore.open(account())).isInstanceOf(StoreLockedException.class);
            first.apply(StateChange.builder().put(KeyCategory.PRE_KEY, "1", bytes("still works")).build());
        }
        try (FileAuthStore again = FileAuthStore.open(account())) {
            assertThat(again.read(KeyCategory.PRE_KEY, "1")).hasValue(bytes("still works"));
        }
    }

    @Test
    void aClosedStoreRefusesUse() {
        FileAuthStore store = FileAuthStore.open(account());
        store.close();
        store.close();
        assertThatThrownBy(store::state).isInstanceOf(StoreException.class).hasMessageContaining("closed");
    }

    @Test
    void aBaileysDirectoryIsNeverWrittenTo() throws IOException {
        Files.createDirectories(account());
        Files.writeString(account().resolve("creds.json"), "{}");
        Files.writeString(account().resolve("pre-key-1.json"), "{}");

        assertThatThrownBy(() -> FileAuthStore.open(account()))
                .isInstanceOf(ForeignDirectoryException.class)
                .hasMessageContaining("BAILEYS");
        try (Stream<Path> files = Files.list(account())) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("creds.json", "pre-key-1.json");
        }
    }

    @Test
    void aLargeTransactionLandsWhole() {
        StateChange.Builder upload = StateChange.builder().credentials(TestCredentials.unpaired(random).toBuilder()
                .nextPreKeyId(813).firstUnuploadedPreKeyId(813).build());
        IntStream.rangeClosed(1, 812).forEach(id -> upload.put(KeyCategory.PRE_KEY, Integer.toString(id), value(id)));
        try (FileAuthStore store = FileAuthStore.open(account())) {
            store.apply(upload.build());
        }
        try (FileAuthStore store = FileAuthStore.open(account())) {
            assertThat(store.state().credentials().orElseThrow().nextPreKeyId()).isEqualTo(813);
            assertThat(store.ids(KeyCategory.PRE_KEY)).hasSize(812);
            assertThat(store.read(KeyCategory.PRE_KEY, "777")).hasValue(value(777));
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }
}
