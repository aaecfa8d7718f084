package io.wafleet.server.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * An append-only file of records, each framed {@code [uint32 length][uint32 crc32c(length, record)][record]} and
 * fsynced before {@link #append} returns. A kill -9 can only tear the last frame: {@link #open} keeps every whole
 * frame before the first bad one and cuts the file there, so the next append starts on a clean boundary.
 * {@link #rewrite} replaces the whole file crash-safely (temp file, fsync, atomic rename, fsync the directory).
 */
final class FrameJournal implements AutoCloseable {

    static final int HEADER = 8;
    /** No record we write comes near this; a larger length field is a torn or corrupt frame. */
    static final int MAX_RECORD = 1 << 20;

    private final Path file;
    private FileChannel channel;

    private FrameJournal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** What {@link #open} found: the whole records in order, and how many bytes of a torn tail it cut. */
    record Opened(FrameJournal journal, List<byte[]> records, long truncatedBytes) {
    }

    static Opened open(Path file) {
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            List<byte[]> records = new ArrayList<>();
            long size = channel.size();
            long good = readWhole(channel, size, records);
            if (good < size) {
                channel.truncate(good);
                channel.force(true);
            }
            channel.position(good);
            return new Opened(new FrameJournal(file, channel), records, size - good);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal " + file, e);
        }
    }

    private static long readWhole(FileChannel channel, long size, List<byte[]> records) throws IOException {
        long offset = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        while (offset + HEADER <= size) {
            header.clear();
            readFully(channel, header, offset);
            int length = header.getInt(0);
            int crc = header.getInt(4);
            if (length < 0 || length > MAX_RECORD || offset + HEADER + length > size) {
                break;
            }
            ByteBuffer record = ByteBuffer.allocate(length);
            readFully(channel, record, offset + HEADER);
            if (checksum(length, record.array()) != crc) {
                break;
            }
            records.add(record.array());
            offset += HEADER + length;
        }
        return offset;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                return;
            }
        }
    }

    static byte[] frame(byte[] record) {
        if (record.length > MAX_RECORD) {
            throw new IllegalArgumentException("record of " + record.length + " bytes exceeds " + MAX_RECORD);
        }
        return ByteBuffer.allocate(HEADER + record.length)
                .putInt(record.length).putInt(checksum(record.length, record)).put(record).array();
    }

    private static int checksum(int length, byte[] record) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(4).putInt(0, length));
        crc.update(record);
        return (int) crc.getValue();
    }

    /** Appends one record; it is on disk when this returns. */
    synchronized void append(byte[] record) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(frame(record));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the journal " + file, e);
        }
    }

    /** Replaces the journal by {@code records}: after a crash either the old file or the new one is found. */
    synchronized void rewrite(List<byte[]> records) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                for (byte[] record : records) {
                    ByteBuffer buffer = ByteBuffer.wrap(frame(record));
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                }
                out.force(true);
            }
            channel.close();
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                directory.force(true);
            }
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            channel.position(channel.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite the journal " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the journal " + file, e);
        }
    }
}
