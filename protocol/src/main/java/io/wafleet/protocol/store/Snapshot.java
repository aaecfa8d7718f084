package io.wafleet.protocol.store;

import io.wafleet.protocol.proto.StoreRecord;
import io.wafleet.protocol.proto.StoredFileHeader;
import io.wafleet.protocol.proto.StoredKey;
import io.wafleet.protocol.proto.StoredSnapshotEnd;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The snapshot file: the full state as of one generation. Layout after the preamble: a header frame (generation),
 * a credentials frame when there are credentials, one frame per live key in ascending key order, and an end frame
 * (sequence, key count). It is only ever written to a temp file and renamed into place after an fsync, so a
 * snapshot is complete or it is damaged; it is never torn.
 *
 * <p>Key records stay on disk. Memory holds a sparse index, the first key of every block of about
 * {@value #BLOCK_BYTES} bytes, so a read is one positional read of one block whatever the account's size.
 */
final class Snapshot implements AutoCloseable {
    static final int BLOCK_BYTES = 8192;
    private static final int WRITE_BUFFER_BYTES = 64 * 1024;

    /** The first key of a block and where the block starts. */
    private record Block(StoreKey firstKey, long offset) {}

    private final Path path;
    private final FileChannel channel;
    private final long generation;
    private final long sequence;
    private final Optional<Credentials> credentials;
    private final List<Block> blocks;
    private final long keysStart;
    private final long keysEnd;

    private Snapshot(Path path, FileChannel channel, long generation, long sequence, Optional<Credentials> credentials,
            List<Block> blocks, long keysStart, long keysEnd) {
        this.path = path;
        this.channel = channel;
        this.generation = generation;
        this.sequence = sequence;
        this.credentials = credentials;
        this.blocks = List.copyOf(blocks);
        this.keysStart = keysStart;
        this.keysEnd = keysEnd;
    }

    long generation() {
        return generation;
    }

    long sequence() {
        return sequence;
    }

    Optional<Credentials> credentials() {
        return credentials;
    }

    /** Opens and verifies every frame of the snapshot at {@code path}, building the sparse index. */
    static Snapshot open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return load(path, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static Snapshot load(Path path, FileChannel channel) throws IOException {
        StoreFiles.checkPreamble(channel, StoreFiles.SNAPSHOT_MAGIC, path);
        FrameScanner scanner = new FrameScanner(channel, path, StoreFiles.PREAMBLE_LENGTH, channel.size());
        StoreRecord first = frame(scanner.next(), path).record();
        if (!first.hasHeader() || !first.getHeader().hasGeneration()) {
            throw new CorruptStoreException(path + " does not start with a header");
        }
        long generation = first.getHeader().getGeneration();
        FrameScanner.Step.Frame current = frame(scanner.next(), path);
        Optional<Credentials> credentials = Optional.empty();
        if (current.record().hasCredentials()) {
            credentials = Optional.of(RecordCodec.decode(current.record().getCredentials()));
            current = frame(scanner.next(), path);
        }
        long keysStart = current.offset();
        BlockIndexer indexer = new BlockIndexer(keysStart);
        StoreKey previous = null;
        long keyCount = 0;
        while (current.record().hasKey()) {
            StoreKey key = RecordCodec.keyOf(current.record().getKey());
            if (previous != null && previous.compareTo(key) >= 0) {
                throw new CorruptStoreException(path + ": keys out of order at " + current.offset());
            }
            indexer.add(key, current.offset(), current.length());
            previous = key;
            keyCount++;
            current = frame(scanner.next(), path);
        }
        if (!current.record().hasSnapshotEnd()) {
            throw new CorruptStoreException(path + ": unexpected record at " + current.offset());
        }
        StoredSnapshotEnd end = current.record().getSnapshotEnd();
        if (end.getKeyCount() != keyCount) {
            throw new CorruptStoreException(path + " lists " + end.getKeyCount() + " keys but holds " + keyCount);
        }
        if (!(scanner.next() instanceof FrameScanner.Step.End)) {
            throw new CorruptStoreException(path + " has data after its end record");
        }
        return new Snapshot(path, channel, generation, end.getSequence(), credentials, indexer.blocks, keysStart,
                current.offset());
    }

    private static FrameScanner.Step.Frame frame(FrameScanner.Step step, Path path) {
        return switch (step) {
            case FrameScanner.Step.Frame frame -> frame;
            case FrameScanner.Step.End end -> throw new CorruptStoreException(path + " ends before its end record");
            case FrameScanner.Step.Invalid invalid ->
                    throw new CorruptStoreException(path + ": " + invalid.reason() + " at " + invalid.offset());
        };
    }

    /**
     * Writes a complete snapshot to {@code path} (a temp file) and fsyncs it. The returned snapshot reads through
     * the same open file, so it stays valid when the caller renames the file into place.
     */
    static Snapshot write(Path path, long generation, long sequence, Optional<Credentials> credentials, KeySource keys)
            throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            BufferedFrameWriter out = new BufferedFrameWriter(channel);
            out.write(StoreFiles.preamble(StoreFiles.SNAPSHOT_MAGIC).array());
            out.write(Frames.encode(StoreRecord.newBuilder()
                    .setHeader(StoredFileHeader.newBuilder().setGeneration(generation)).build()));
            if (credentials.isPresent()) {
                out.write(Frames.encode(
                        StoreRecord.newBuilder().setCredentials(RecordCodec.encode(credentials.get())).build()));
            }
            long keysStart = out.position();
            BlockIndexer indexer = new BlockIndexer(keysStart);
            long keyCount = 0;
            for (Optional<KeyRecord> next = keys.next(); next.isPresent(); next = keys.next()) {
                KeyRecord record = next.get();
                byte[] frame = Frames.encode(StoreRecord.newBuilder()
                        .setKey(RecordCodec.encode(record.key(), record.value())).build());
                indexer.add(record.key(), out.position(), frame.length);
                out.write(frame);
                keyCount++;
            }
            long keysEnd = out.position();
            out.write(Frames.encode(StoreRecord.newBuilder()
                    .setSnapshotEnd(StoredSnapshotEnd.newBuilder().setSequence(sequence).setKeyCount(keyCount)).build()));
            out.flush();
            channel.force(true);
            return new Snapshot(path, channel, generation, sequence, credentials, indexer.blocks, keysStart, keysEnd);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The record stored under {@code key}: one positional read of the block that would hold it. */
    Optional<byte[]> read(StoreKey key) throws IOException {
        int blockIndex = lastBlockStartingAtOrBefore(key);
        if (blockIndex < 0) {
            return Optional.empty();
        }
        long start = blocks.get(blockIndex).offset();
        long end = blockIndex + 1 < blocks.size() ? blocks.get(blockIndex + 1).offset() : keysEnd;
        byte[] block = readRange(start, end);
        for (int at = 0; at < block.length; ) {
            StoredKey stored = Frames.decode(block, at, block.length - at, start + at, path).getKey();
            int order = RecordCodec.keyOf(stored).compareTo(key);
            if (order == 0) {
                return Optional.of(stored.getValue().toByteArray());
            }
            if (order > 0) {
                break;
            }
            at += Frames.frameLength(block, at);
        }
        return Optional.empty();
    }

    private int lastBlockStartingAtOrBefore(StoreKey key) {
        int low = 0;
        int high = blocks.size() - 1;
        int found = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (blocks.get(middle).firstKey().compareTo(key) <= 0) {
                found = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return found;
    }

    /** All key records in order, read sequentially (for compaction and listings). */
    KeySource keys() {
        FrameScanner scanner = new FrameScanner(channel, path, keysStart, keysEnd);
        return () -> switch (scanner.next()) {
            case FrameScanner.Step.Frame frame -> {
                StoredKey stored = frame.record().getKey();
                yield Optional.of(new KeyRecord(RecordCodec.keyOf(stored), stored.getValue().toByteArray()));
            }
            case FrameScanner.Step.End end -> Optional.empty();
            case FrameScanner.Step.Invalid invalid ->
                    throw new CorruptStoreException(path + ": " + invalid.reason() + " at " + invalid.offset());
        };
    }

    private byte[] readRange(long start, long end) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(end - start));
        StoreFiles.readFully(channel, buffer, start);
        if (buffer.hasRemaining()) {
            throw new CorruptStoreException(path + " shrank while it was open");
        }
        return buffer.array();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Starts a new block whenever the current one has grown past {@link #BLOCK_BYTES}. */
    private static final class BlockIndexer {
        private final List<Block> blocks = new ArrayList<>();
        private long blockStart;

        BlockIndexer(long keysStart) {
            this.blockStart = keysStart;
        }

        void add(StoreKey key, long offset, int frameLength) {
            if (blocks.isEmpty() || offset - blockStart >= BLOCK_BYTES) {
                blocks.add(new Block(key, offset));
                blockStart = offset;
            }
        }
    }

    /** Collects frames into large writes; compaction output is written once and fsynced at the end. */
    private static final class BufferedFrameWriter {
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(WRITE_BUFFER_BYTES);
        private long flushed;

        BufferedFrameWriter(FileChannel channel) {
            this.channel = channel;
        }

        long position() {
            return flushed + buffer.position();
        }

        void write(byte[] bytes) throws IOException {
            if (bytes.length > buffer.remaining()) {
                flush();
            }
            if (bytes.length > buffer.capacity()) {
                StoreFiles.writeFully(channel, ByteBuffer.wrap(bytes), flushed);
                flushed += bytes.length;
            } else {
                buffer.put(bytes);
            }
        }

        void flush() throws IOException {
            buffer.flip();
            int count = buffer.remaining();
            StoreFiles.writeFully(channel, buffer, flushed);
            flushed += count;
            buffer.clear();
        }
    }
}
