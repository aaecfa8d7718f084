package io.wafleet.protocol.store;

import io.wafleet.protocol.proto.StoreRecord;
import io.wafleet.protocol.proto.StoredCommit;
import io.wafleet.protocol.proto.StoredFileHeader;
import io.wafleet.protocol.proto.StoredKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The append-only journal of the changes committed since the snapshot of the same generation. Layout after the
 * preamble: a header frame (generation), then per transaction its key, deletion and credentials frames followed
 * by a commit frame (sequence, frame count). A transaction is one write and one fsync; a transaction without its
 * commit frame, or whose frames are cut short, was never acknowledged and is dropped on open (the torn tail).
 */
final class Journal implements AutoCloseable {

    /** Where a key's latest change lives: a record in the journal file, or a deletion. */
    sealed interface Entry {
        record Value(long offset, int length) implements Entry {}

        record Deleted() implements Entry {}
    }

    /** One committed transaction found by {@link #replay()}; record bytes stay in the file. */
    record Transaction(long sequence, Optional<Credentials> credentials, Map<StoreKey, Entry> changes) {}

    private final Path path;
    private final FileChannel channel;
    private final long generation;
    private long end;

    private Journal(Path path, FileChannel channel, long generation, long end) {
        this.path = path;
        this.channel = channel;
        this.generation = generation;
        this.end = end;
    }

    long generation() {
        return generation;
    }

    /** Bytes of transactions in the file; what compaction is triggered by. */
    long transactionBytes() {
        return end - StoreFiles.PREAMBLE_LENGTH;
    }

    /**
     * Replaces the journal in {@code dir} by an empty one of {@code generation}: temp file, fsync, atomic rename,
     * directory fsync. The old journal stays whole until the rename.
     */
    static Journal create(Path dir, long generation) throws IOException {
        Path temp = dir.resolve(StoreFiles.JOURNAL_TMP);
        Path target = dir.resolve(StoreFiles.JOURNAL);
        byte[] header = Frames.encode(StoreRecord.newBuilder()
                .setHeader(StoredFileHeader.newBuilder().setGeneration(generation)).build());
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            StoreFiles.writeFully(out, StoreFiles.preamble(StoreFiles.JOURNAL_MAGIC), 0);
            StoreFiles.writeFully(out, ByteBuffer.wrap(header), StoreFiles.PREAMBLE_LENGTH);
            out.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        StoreFiles.syncDirectory(dir);
        FileChannel channel = FileChannel.open(target, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new Journal(target, channel, generation, StoreFiles.PREAMBLE_LENGTH + header.length);
    }

    /** Opens the journal and reads its header only; nothing is modified until {@link #replay()}. */
    static Journal open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            StoreFiles.checkPreamble(channel, StoreFiles.JOURNAL_MAGIC, path);
            FrameScanner scanner = new FrameScanner(channel, path, StoreFiles.PREAMBLE_LENGTH, channel.size());
            if (!(scanner.next() instanceof FrameScanner.Step.Frame header)
                    || !header.record().hasHeader() || !header.record().getHeader().hasGeneration()) {
                throw new CorruptStoreException(path + " does not start with a valid header");
            }
            return new Journal(path, channel, header.record().getHeader().getGeneration(),
                    header.offset() + header.length());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Reads every committed transaction. A torn tail is cut off (truncate and fsync) so the next append follows
     * the last commit; a bad frame that is not at the tail is damage, reported and left alone.
     */
    List<Transaction> replay() throws IOException {
        List<Transaction> transactions = new ArrayList<>();
        FrameScanner scanner = new FrameScanner(channel, path, end, channel.size());
        Map<StoreKey, Entry> changes = new LinkedHashMap<>();
        Optional<Credentials> credentials = Optional.empty();
        int frames = 0;
        while (true) {
            switch (scanner.next()) {
                case FrameScanner.Step.End atEnd -> {
                    cutTornTail();
                    return transactions;
                }
                case FrameScanner.Step.Invalid invalid -> {
                    if (!invalid.tornTail()) {
                        throw new CorruptStoreException(path + ": " + invalid.reason() + " at " + invalid.offset()
                                + ", with data after it; the journal is damaged");
                    }
                    cutTornTail();
                    return transactions;
                }
                case FrameScanner.Step.Frame frame -> {
                    StoreRecord record = frame.record();
                    switch (record.getRecordCase()) {
                        case KEY -> changes.put(RecordCodec.keyOf(record.getKey()),
                                new Entry.Value(frame.offset(), frame.length()));
                        case DELETION -> changes.put(RecordCodec.keyOf(record.getDeletion()), new Entry.Deleted());
                        case CREDENTIALS -> credentials = Optional.of(RecordCodec.decode(record.getCredentials()));
                        case COMMIT -> {
                            StoredCommit commit = record.getCommit();
                            if (commit.getFrameCount() != frames) {
                                throw new CorruptStoreException(path + ": commit at " + frame.offset() + " covers "
                                        + commit.getFrameCount() + " frames, found " + frames);
                            }
                            transactions.add(new Transaction(commit.getSequence(), credentials, Map.copyOf(changes)));
                            end = frame.offset() + frame.length();
                            changes.clear();
                            credentials = Optional.empty();
                        }
                        default -> throw new CorruptStoreException(
                                path + ": unexpected " + record.getRecordCase() + " record at " + frame.offset());
                    }
                    frames = record.hasCommit() ? 0 : frames + 1;
                }
            }
        }
    }

    /** Drops whatever follows the last commit: frames of a transaction whose append never completed. */
    private void cutTornTail() throws IOException {
        if (channel.size() > end) {
            channel.truncate(end);
            channel.force(true);
        }
    }

    /**
     * Appends {@code change} as transaction {@code sequence}: one write, one fsync. Returns where each put landed.
     * If it throws, the file may hold a partial transaction after the last commit; the caller must stop appending
     * (the next open cuts it off).
     */
    Map<StoreKey, Entry> append(StateChange change, long sequence) throws IOException {
        List<byte[]> frames = new ArrayList<>(change.mutations().size() + 2);
        Map<StoreKey, Entry> located = new LinkedHashMap<>();
        long offset = end;
        for (KeyMutation mutation : change.mutations()) {
            byte[] frame = switch (mutation) {
                case KeyMutation.Put put -> Frames.encode(StoreRecord.newBuilder()
                        .setKey(RecordCodec.encode(put.key(), put.value())).build());
                case KeyMutation.Delete delete -> Frames.encode(StoreRecord.newBuilder()
                        .setDeletion(RecordCodec.encodeDeletion(delete.key())).build());
            };
            located.put(mutation.key(), mutation instanceof KeyMutation.Put
                    ? new Entry.Value(offset, frame.length)
                    : new Entry.Deleted());
            frames.add(frame);
            offset += frame.length;
        }
        if (change.credentials().isPresent()) {
            frames.add(Frames.encode(StoreRecord.newBuilder()
                    .setCredentials(RecordCodec.encode(change.credentials().get())).build()));
        }
        frames.add(Frames.encode(StoreRecord.newBuilder()
                .setCommit(StoredCommit.newBuilder().setSequence(sequence).setFrameCount(frames.size())).build()));
        ByteBuffer transaction = ByteBuffer.allocate(frames.stream().mapToInt(frame -> frame.length).sum());
        frames.forEach(transaction::put);
        transaction.flip();
        int length = transaction.remaining();
        StoreFiles.writeFully(channel, transaction, end);
        // fdatasync also persists the new file length, which is all the metadata an append needs.
        channel.force(false);
        end += length;
        return located;
    }

    /** The record bytes of a put that {@link #replay()} or {@link #append} located. */
    byte[] read(StoreKey key, Entry.Value value) throws IOException {
        StoredKey stored = Frames.readAt(channel, value.offset(), value.length(), path).getKey();
        if (!RecordCodec.keyOf(stored).equals(key)) {
            throw new CorruptStoreException(path + ": frame at " + value.offset() + " holds another key");
        }
        return stored.getValue().toByteArray();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
