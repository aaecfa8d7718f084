package io.wafleet.protocol.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The auth store of one account in one directory, as three files: a snapshot, a journal and a lock.
 *
 * <p><b>Commit.</b> A change is appended to the journal as one transaction (its frames, then a commit frame)
 * with one write and one fdatasync. On open, a transaction without its commit frame, or cut short, is dropped:
 * a crash at any instant keeps every acknowledged change and no part of an unacknowledged one.
 *
 * <p><b>Compaction.</b> When the journal passes the {@link CompactionPolicy}, the state is written as snapshot
 * generation G+1 to a temp file (fsync), renamed over the snapshot (directory fsync), and an empty journal of
 * generation G+1 replaces the old one the same way. A crash between the steps is unambiguous on open: a journal
 * of generation G beside a snapshot of G+1 is already folded in and is replaced; temp files are discarded.
 *
 * <p><b>Memory.</b> Credentials, a sparse index of the snapshot and an index of keys changed since the last
 * compaction (bounded by the policy). Key records are read from disk when asked for.
 *
 * <p><b>Exclusion.</b> An OS lock on the lock file keeps a second store (this process or another one on the
 * volume) off the account. A directory that is not ours is refused before anything is written in it.
 *
 * <p>Thread-safe. After a failed write the store refuses further use; reopening it recovers.
 */
public final class FileAuthStore implements AuthStore {
    private static final System.Logger LOG = System.getLogger(FileAuthStore.class.getName());
    private static final long FIRST_GENERATION = 1;

    private final Path directory;
    private final CompactionPolicy policy;
    private final FileChannel lockChannel;
    private final ReentrantLock mutex = new ReentrantLock();
    /** Latest change per key since the snapshot; sorted so compaction can stream it beside the snapshot. */
    private final TreeMap<StoreKey, Journal.Entry> changed = new TreeMap<>();
    private Snapshot snapshot;
    private Journal journal;
    private Optional<Credentials> credentials;
    private long sequence;
    /** Raised after a failed compaction so a full disk does not turn every commit into a compaction attempt. */
    private long compactAtBytes;
    private int compactAtKeys;
    private Optional<String> unusable = Optional.empty();

    private FileAuthStore(Path directory, CompactionPolicy policy, FileChannel lockChannel) {
        this.directory = directory;
        this.policy = policy;
        this.lockChannel = lockChannel;
        this.compactAtBytes = policy.journalBytes();
        this.compactAtKeys = policy.journalKeys();
    }

    public static FileAuthStore open(Path directory) {
        return open(directory, CompactionPolicy.DEFAULT);
    }

    /**
     * Opens the account in {@code directory}, creating it (and its first, empty state) when it does not exist.
     *
     * @throws ForeignDirectoryException if the directory holds files that are not ours; nothing is written there
     * @throws StoreLockedException if another store has the account open
     * @throws CorruptStoreException if a file is damaged or of a newer format; nothing is modified
     */
    public static FileAuthStore open(Path directory, CompactionPolicy policy) {
        DirectoryKind kind = SessionsDirectory.classify(directory);
        if (!kind.isOpenable()) {
            throw new ForeignDirectoryException(directory + " is not a wa-fleet account directory (" + kind
                    + "); it is left untouched");
        }
        FileChannel lockChannel = lock(directory);
        FileAuthStore store = new FileAuthStore(directory, policy, lockChannel);
        try {
            store.recover();
            store.requireUsable();
            return store;
        } catch (IOException e) {
            store.close();
            throw new StoreException("cannot open the account store in " + directory, e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static FileChannel lock(Path directory) {
        try {
            createDirectory(directory);
            FileChannel channel = FileChannel.open(directory.resolve(StoreFiles.LOCK),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new StoreLockedException(directory + " is open in another store (this process or another one)");
            }
            return channel;
        } catch (IOException e) {
            throw new StoreException("cannot lock the account store in " + directory, e);
        }
    }

    private static void createDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectory(directory);
            StoreFiles.syncDirectory(directory.toAbsolutePath().getParent());
        }
    }

    /** Brings the files to a consistent state after whatever happened last, and loads it. */
    private void recover() throws IOException {
        Files.deleteIfExists(directory.resolve(StoreFiles.SNAPSHOT_TMP));
        Files.deleteIfExists(directory.resolve(StoreFiles.JOURNAL_TMP));
        Path snapshotPath = directory.resolve(StoreFiles.SNAPSHOT);
        Path journalPath = directory.resolve(StoreFiles.JOURNAL);
        if (!Files.exists(snapshotPath)) {
            if (Files.exists(journalPath)) {
                throw new CorruptStoreException(journalPath + " exists without a snapshot; the snapshot was lost");
            }
            snapshot = createFirstSnapshot();
            journal = Journal.create(directory, FIRST_GENERATION);
        } else {
            snapshot = Snapshot.open(snapshotPath);
            journal = Files.exists(journalPath)
                    ? currentJournal(Journal.open(journalPath))
                    : Journal.create(directory, snapshot.generation());
        }
        credentials = snapshot.credentials();
        sequence = snapshot.sequence();
        for (Journal.Transaction transaction : journal.replay()) {
            if (transaction.sequence() != sequence + 1) {
                throw new CorruptStoreException(journalPath + " holds transaction " + transaction.sequence()
                        + " where " + (sequence + 1) + " was expected");
            }
            changed.putAll(transaction.changes());
            transaction.credentials().ifPresent(creds -> credentials = Optional.of(creds));
            sequence = transaction.sequence();
        }
        compactIfDue();
    }

    /** The journal to replay: the one of the snapshot's generation, or a fresh one if the old is already folded in. */
    private Journal currentJournal(Journal found) throws IOException {
        if (found.generation() == snapshot.generation()) {
            return found;
        }
        found.close();
        if (found.generation() == snapshot.generation() - 1) {
            // A compaction renamed its snapshot in and stopped before replacing the journal.
            return Journal.create(directory, snapshot.generation());
        }
        throw new CorruptStoreException(directory + ": journal generation " + found.generation()
                + " does not belong to snapshot generation " + snapshot.generation());
    }

    @Override
    public AuthState state() {
        mutex.lock();
        try {
            requireUsable();
            return new AuthState(credentials, sequence);
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public Map<String, byte[]> read(KeyCategory category, Collection<String> ids) {
        mutex.lock();
        try {
            requireUsable();
            Map<String, byte[]> found = new LinkedHashMap<>();
            for (String id : ids) {
                StoreKey key = new StoreKey(category, id);
                Optional<byte[]> value = switch (changed.get(key)) {
                    case Journal.Entry.Value located -> Optional.of(journal.read(key, located));
                    case Journal.Entry.Deleted deleted -> Optional.empty();
                    case null -> snapshot.read(key);
                };
                value.ifPresent(bytes -> found.put(id, bytes));
            }
            return found;
        } catch (IOException e) {
            throw new StoreException("cannot read keys of " + directory, e);
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public SortedSet<String> ids(KeyCategory category) {
        mutex.lock();
        try {
            requireUsable();
            SortedSet<String> ids = new TreeSet<>();
            KeySource keys = new MergedKeys(snapshot.keys(), changed, journal);
            for (Optional<KeyRecord> next = keys.next(); next.isPresent(); next = keys.next()) {
                if (next.get().key().category() == category) {
                    ids.add(next.get().key().id());
                }
            }
            return ids;
        } catch (IOException e) {
            throw new StoreException("cannot list keys of " + directory, e);
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public void apply(StateChange change) {
        mutex.lock();
        try {
            requireUsable();
            if (change.isEmpty()) {
                return;
            }
            Map<StoreKey, Journal.Entry> located;
            try {
                located = journal.append(change, sequence + 1);
            } catch (IOException e) {
                unusable = Optional.of("a journal append failed: " + e.getMessage());
                throw new StoreException("cannot commit to " + directory + "; reopen the store", e);
            }
            changed.putAll(located);
            change.credentials().ifPresent(creds -> credentials = Optional.of(creds));
            sequence++;
            compactIfDue();
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Folds the journal into a new snapshot when the policy says so. The change that triggered it is already
     * durable, so a failure here never fails the commit: before the rename it is retried later, after the rename
     * the store asks to be reopened (opening finishes the compaction).
     */
    private void compactIfDue() {
        if (journal.transactionBytes() < compactAtBytes && changed.size() < compactAtKeys) {
            return;
        }
        long generation = snapshot.generation() + 1;
        Snapshot next;
        try {
            next = Snapshot.write(directory.resolve(StoreFiles.SNAPSHOT_TMP), generation, sequence, credentials,
                    new MergedKeys(snapshot.keys(), changed, journal));
        } catch (IOException | StoreException e) {
            deleteQuietly(directory.resolve(StoreFiles.SNAPSHOT_TMP));
            compactAtBytes = journal.transactionBytes() + policy.journalBytes();
            compactAtKeys = changed.size() + policy.journalKeys();
            LOG.log(System.Logger.Level.WARNING, "compaction of {0} failed, will retry later: {1}", directory, e.toString());
            return;
        }
        Journal fresh;
        try {
            Files.move(directory.resolve(StoreFiles.SNAPSHOT_TMP), directory.resolve(StoreFiles.SNAPSHOT),
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            StoreFiles.syncDirectory(directory);
            fresh = Journal.create(directory, generation);
        } catch (IOException e) {
            closeQuietly(next);
            unusable = Optional.of("a compaction stopped half-way: " + e.getMessage());
            LOG.log(System.Logger.Level.ERROR, "compaction of {0} stopped half-way; the store must be reopened: {1}",
                    directory, e.toString());
            return;
        }
        closeQuietly(snapshot);
        closeQuietly(journal);
        snapshot = next;
        journal = fresh;
        changed.clear();
        compactAtBytes = policy.journalBytes();
        compactAtKeys = policy.journalKeys();
    }

    /** The state of an account that has never committed: generation 1, sequence 0, no credentials, no keys. */
    private Snapshot createFirstSnapshot() throws IOException {
        Path temp = directory.resolve(StoreFiles.SNAPSHOT_TMP);
        Snapshot written = Snapshot.write(temp, FIRST_GENERATION, 0, Optional.empty(), Optional::empty);
        Files.move(temp, directory.resolve(StoreFiles.SNAPSHOT), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        StoreFiles.syncDirectory(directory);
        return written;
    }

    private void requireUsable() {
        if (snapshot == null) {
            throw new StoreException("the account store in " + directory + " is closed");
        }
        unusable.ifPresent(reason -> {
            throw new StoreException("the account store in " + directory + " must be reopened: " + reason);
        });
    }

    @Override
    public void close() {
        mutex.lock();
        try {
            if (snapshot != null) {
                closeQuietly(snapshot);
                snapshot = null;
            }
            if (journal != null) {
                closeQuietly(journal);
                journal = null;
            }
            // Closing the channel releases the OS lock; the lock file itself stays (deleting it would race).
            closeQuietly(lockChannel);
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public String toString() {
        return "FileAuthStore[" + directory + "]";
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a store file failed: {0}", e.toString());
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot delete {0}: {1}", path, e.toString());
        }
    }
}
