package io.wafleet.server.firestore;

import io.wafleet.protocol.store.FileAuthStore;
import io.wafleet.server.connector.AccountConnector;
import io.wafleet.server.connector.SlotContents;
import io.wafleet.server.registry.AccountId;
import io.wafleet.server.storage.SessionsVolume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Makes an account's directory hold the newest committed state before the account connects on this process.
 *
 * <p>The volume is kept when this volume wrote the newest backup itself (it is at least as new: nothing reaches the
 * wire before its backup). Otherwise, when the backup is newer (another process ran the account since) or the
 * volume has no session, the backup is decrypted completely in memory first, written to a hidden directory,
 * and only then swapped in, the old directory archived, never deleted. A wrong key or a damaged backup
 * therefore leaves the volume exactly as it was.
 */
public final class SessionRestorer {

    private static final Logger log = LoggerFactory.getLogger(SessionRestorer.class);

    /** What the account's directory holds after {@link #prepare}. */
    public sealed interface Outcome {
        record Local() implements Outcome {}

        record Restored(long generation) implements Outcome {}

        /** Nothing to log in with, here or in the backup: the slot needs a link. */
        record NoSession() implements Outcome {}

        /** Another client's files: left untouched and not started. */
        record Foreign() implements Outcome {}

        record Unreadable(String why) implements Outcome {}
    }

    private final Optional<SessionBackups> backups;
    private final SessionsVolume volume;
    private final AccountConnector connector;
    private final String holder;

    public SessionRestorer(Optional<SessionBackups> backups, SessionsVolume volume, AccountConnector connector, String holder) {
        this.backups = backups;
        this.volume = volume;
        this.connector = connector;
        this.holder = holder;
    }

    public Outcome prepare(AccountId account) {
        Path directory = volume.accountDirectory(account);
        SlotContents local = connector.inspect(directory);
        if (local == SlotContents.FOREIGN || local == SlotContents.UNKNOWN) {
            return new Outcome.Foreign();
        }
        boolean hasLocal = local == SlotContents.CREDENTIALS;
        if (backups.isEmpty()) {
            return hasLocal ? new Outcome.Local() : new Outcome.NoSession();
        }
        Optional<BackupHead> head = backups.get().head(account);
        if (head.isEmpty()) {
            return hasLocal ? new Outcome.Local() : new Outcome.NoSession();
        }
        if (hasLocal && head.get().holder().equals(holder)) {
            return new Outcome.Local();
        }
        SessionBackups.Restored restored;
        try {
            restored = backups.get().read(account).orElseThrow();
        } catch (BackupException.Unreadable e) {
            log.error("{}: backup cannot be restored, nothing changed on the volume: {}", account, e.getMessage());
            return new Outcome.Unreadable(e.getMessage());
        }
        swapIn(account, directory, restored);
        log.info("{}: restored from backup generation {} (written by {}){}", account, restored.head().generation(),
                restored.head().holder(), hasLocal ? "; the older copy on the volume is archived" : "");
        return new Outcome.Restored(restored.head().generation());
    }

    private void swapIn(AccountId account, Path directory, SessionBackups.Restored restored) {
        Path staging = volume.root().resolve(".restore-" + account.value());
        try {
            deleteTree(staging); // a leftover of a restore interrupted by a crash
            try (FileAuthStore store = FileAuthStore.open(staging)) {
                store.apply(restored.state().toChange());
            }
            volume.archive(account);
            Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel root = FileChannel.open(volume.root(), StandardOpenOption.READ)) {
                root.force(true); // the rename itself must survive a power loss
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore " + account + " onto the volume", e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
