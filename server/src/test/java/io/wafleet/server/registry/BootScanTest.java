package io.wafleet.server.registry;

import io.wafleet.server.connector.AccountConnector;
import io.wafleet.server.connector.AccountSession;
import io.wafleet.server.connector.SlotContents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class BootScanTest {

    @TempDir
    Path root;

    /** Classifies by a marker file, as a real store would by its own files. */
    private final AccountConnector byMarker = new AccountConnector() {
        @Override
        public String description() {
            return "marker files";
        }

        @Override
        public SlotContents inspect(Path directory) {
            if (Files.exists(directory.resolve("corrupt"))) {
                throw new IllegalStateException("unreadable store");
            }
            if (Files.exists(directory.resolve("ours"))) {
                return SlotContents.CREDENTIALS;
            }
            if (Files.exists(directory.resolve("creds.json"))) {
                return SlotContents.FOREIGN;
            }
            return Files.exists(directory) && directory.toFile().list().length > 0 ? SlotContents.UNKNOWN : SlotContents.EMPTY;
        }

        @Override
        public AccountSession open(AccountId account, Path directory, Consumer<io.wafleet.protocol.client.ClientEvent> events) {
            throw new UnsupportedOperationException("the boot scan only inspects; it never opens a session");
        }

        @Override
        public boolean refreshClientVersion() {
            return false;
        }
    };

    @Test
    void sortsSlotsAndReportsEverythingElseWithoutTouchingIt() throws Exception {
        for (Map.Entry<String, String> file : Map.of(
                "WA-01/ours", "", "WA-02/creds.json", "{}", "WA-03/stray", "", "legacy-baileys/creds.json", "{}",
                "WA-77/ours", "", ".archive/WA-09-1/ours", "", "notes.txt", "", "WA-05/corrupt", "").entrySet()) {
            Path path = root.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        List<AccountId> slots = List.of(AccountId.of("WA-01"), AccountId.of("WA-02"), AccountId.of("WA-03"),
                AccountId.of("WA-04"), AccountId.of("WA-05"));

        BootReport report = BootScan.scan(root, slots, id -> root.resolve(id.value()), byMarker);

        assertThat(report.withCredentials()).containsExactly(AccountId.of("WA-01"));
        assertThat(report.foreign()).containsExactly(AccountId.of("WA-02"));
        assertThat(report.empty()).containsExactly(AccountId.of("WA-04"));
        assertThat(report.unknown()).containsExactly("WA-03", "WA-05", "WA-77", "legacy-baileys", "notes.txt");
        assertThat(root.resolve("legacy-baileys/creds.json")).exists();
        assertThat(root.resolve("WA-03/stray")).exists();
    }
}
