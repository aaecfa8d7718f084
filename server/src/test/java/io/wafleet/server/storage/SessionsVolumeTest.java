package io.wafleet.server.storage;

import io.wafleet.server.config.SessionsLocation;
import io.wafleet.server.registry.AccountId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionsVolumeTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    @Test
    void createsTheDirectoryProbesItAndLeavesOnlyTheLock() throws Exception {
        Path sessions = temp.resolve("volume/sessions");
        try (SessionsVolume volume = SessionsVolume.open(new SessionsLocation(sessions, "SESSIONS_PATH"), CLOCK)) {
            assertThat(volume.writable()).isTrue();
            try (Stream<Path> entries = Files.list(sessions)) {
                assertThat(entries.map(p -> p.getFileName().toString())).containsExactly(SessionsVolume.LOCK_FILE);
            }
        }
    }

    @Test
    void anUnusablePathFailsWithTheVariablePathAndFix() throws Exception {
        Path notADirectory = Files.writeString(temp.resolve("a-file"), "x");
        assertThatThrownBy(() -> SessionsVolume.open(new SessionsLocation(notADirectory.resolve("sessions"),
                "RAILWAY_VOLUME_MOUNT_PATH"), CLOCK))
                .isInstanceOf(StorageCheckException.class)
                .hasMessageContaining(notADirectory.resolve("sessions").toString())
                .hasMessageContaining("RAILWAY_VOLUME_MOUNT_PATH")
                .hasMessageContaining("Fix: ");
    }

    @Test
    void twoOwnersOfOnePathAreRefused() {
        SessionsLocation location = new SessionsLocation(temp, "SESSIONS_PATH");
        try (SessionsVolume first = SessionsVolume.open(location, CLOCK)) {
            assertThatThrownBy(() -> SessionsVolume.open(location, CLOCK))
                    .isInstanceOf(StorageCheckException.class)
                    .hasMessageContaining("locked by another wa-fleet process");
        }
        SessionsVolume.open(location, CLOCK).close(); // released with the first owner
    }

    @Test
    void archivingMovesCredentialsAsideAndNeverDeletes() throws Exception {
        try (SessionsVolume volume = SessionsVolume.open(new SessionsLocation(temp, "SESSIONS_PATH"), CLOCK)) {
            AccountId id = AccountId.of("WA-02");
            Files.createDirectories(volume.accountDirectory(id));
            Files.writeString(volume.accountDirectory(id).resolve("creds"), "secret");
            volume.archive(id);
            Files.createDirectories(volume.accountDirectory(id));
            volume.archive(id);

            assertThat(volume.accountDirectory(id)).doesNotExist();
            assertThat(temp.resolve(".archive/WA-02-20260301T101530Z/creds")).hasContent("secret");
            assertThat(temp.resolve(".archive/WA-02-20260301T101530Z-2")).isDirectory();
            volume.archive(AccountId.of("WA-03")); // nothing to archive: nothing happens
        }
    }

    @Test
    void displayNamesSurviveARestart() {
        new DisplayNames(temp).set(AccountId.of("WA-01"), "Sales RO");
        assertThat(new DisplayNames(temp).get(AccountId.of("WA-01"))).contains("Sales RO");
        assertThat(new DisplayNames(temp).get(AccountId.of("WA-02"))).isEmpty();
    }
}
