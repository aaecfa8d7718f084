package io.wafleet.server.storage;

import io.wafleet.server.config.SessionsLocation;
import io.wafleet.server.registry.AccountId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.UUID;

/**
 * The sessions directory on the volume, checked and locked for the life of the process.
 *
 * <p>{@link #open} refuses to start on a path that cannot durably hold a file (it writes, fsyncs, reads back and
 * deletes a probe) and takes an exclusive lock on {@value #LOCK_FILE}, so two processes never serve the same
 * sessions. Everything wa-fleet keeps beside the account directories starts with a dot.
 */
public final class SessionsVolume implements AutoCloseable {

    public static final String LOCK_FILE = ".wa-fleet.lock";
    static final String ARCHIVE_DIR = ".archive";
    private static final DateTimeFormatter ARCHIVE_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final SessionsLocation location;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Clock clock;

    private SessionsVolume(SessionsLocation location, FileChannel lockChannel, FileLock lock, Clock clock) {
        this.location = location;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.clock = clock;
    }

    /** Creates the path if needed, proves it durable and writable, and locks it; or explains why not. */
    public static SessionsVolume open(SessionsLocation location, Clock clock) {
        Path root = location.path();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new StorageCheckException(location.source(), root, "cannot be created", fixFor(location), e);
        }
        try {
            probe(root);
        } catch (IOException | RuntimeException e) {
            throw new StorageCheckException(location.source(), root, "is not writable", fixFor(location), e);
        }
        HeldLock held = lock(location);
        return new SessionsVolume(location, held.channel(), held.lock(), clock);
    }

    private record HeldLock(FileChannel channel, FileLock lock) {
    }

    private static HeldLock lock(SessionsLocation location) {
        Path lockPath = location.path().resolve(LOCK_FILE);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock acquired = channel.tryLock();
            if (acquired == null) {
                throw alreadyLocked(location, lockPath);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
            return new HeldLock(channel, acquired);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw alreadyLocked(location, lockPath);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StorageCheckException(location.source(), location.path(), "cannot hold the lock file " + LOCK_FILE,
                    fixFor(location), e);
        } catch (StorageCheckException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static StorageCheckException alreadyLocked(SessionsLocation location, Path lockPath) {
        return new StorageCheckException(location.source(), location.path(),
                "is locked by another wa-fleet process (" + lockPath + ")",
                "stop the other process first: two processes on one sessions path would run two sockets per account");
    }

    /** Writes, fsyncs, reads back and deletes a probe file; throws when any step fails. */
    static void probe(Path root) throws IOException {
        Path probe = root.resolve(".wa-fleet-probe-" + UUID.randomUUID());
        byte[] content = ("probe " + probe.getFileName()).getBytes(StandardCharsets.US_ASCII);
        try {
            try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content));
                channel.force(true);
            }
            if (!Arrays.equals(Files.readAllBytes(probe), content)) {
                throw new IOException("probe file read back different bytes");
            }
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /** Whether the volume still takes a durable write right now (for {@code /health}). */
    public boolean writable() {
        try {
            probe(location.path());
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public Path root() {
        return location.path();
    }

    public SessionsLocation location() {
        return location;
    }

    /** The directory of one account. The id is already validated; the check below keeps it that way. */
    public Path accountDirectory(AccountId account) {
        Path directory = location.path().resolve(account.value()).normalize();
        if (!location.path().equals(directory.getParent())) {
            throw new IllegalStateException("account directory escapes the sessions path: " + account);
        }
        return directory;
    }

    /**
     * Moves an account's directory to {@code .archive/<id>-<timestamp>} (never deletes it). Nothing to do when
     * the account has no directory.
     */
    public void archive(AccountId account) {
        Path source = accountDirectory(account);
        if (!Files.exists(source)) {
            return;
        }
        try {
            Path archive = Files.createDirectories(location.path().resolve(ARCHIVE_DIR));
            Path target = archive.resolve(account.value() + "-" + ARCHIVE_STAMP.format(clock.instant()));
            for (int n = 2; Files.exists(target); n++) {
                target = archive.resolve(account.value() + "-" + ARCHIVE_STAMP.format(clock.instant()) + "-" + n);
            }
            try {
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(source, target);
            }
            Durable.fsyncDirectory(archive);
            Durable.fsyncDirectory(location.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot archive the credentials of " + account, e);
        }
    }

    /** Releases the lock; the account stores are closed before this by the fleet's shutdown. */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException ignored) {
            // The process is exiting; the OS drops the lock with the file descriptor anyway.
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return; // opening it failed
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing useful to do: the descriptor goes away with the process.
        }
    }

    private static String fixFor(SessionsLocation location) {
        String user = System.getProperty("user.name");
        return switch (location.source()) {
            case "RAILWAY_VOLUME_MOUNT_PATH" -> "check that a volume is attached to this service and writable by user '"
                    + user + "' (Railway mounts volumes as root: run the container as root, or set RAILWAY_RUN_UID=0)";
            case "SESSIONS_PATH" -> "create the directory on a persistent volume and make it writable by user '" + user
                    + "', or point SESSIONS_PATH at one";
            default -> "make ./data/sessions writable by user '" + user + "', or set SESSIONS_PATH to a writable directory";
        };
    }
}
