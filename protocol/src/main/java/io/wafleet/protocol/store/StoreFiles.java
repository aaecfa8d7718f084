package io.wafleet.protocol.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Names, magic numbers and the version byte of the files in an account directory, and the two file-system
 * operations durability rests on. An account directory holds three files of ours: the snapshot, the journal and
 * the lock; a {@code .tmp} file exists only while a compaction runs.
 */
final class StoreFiles {
    static final String SNAPSHOT = "auth-state.snapshot";
    static final String JOURNAL = "auth-state.journal";
    static final String LOCK = "auth-state.lock";
    static final String SNAPSHOT_TMP = SNAPSHOT + ".tmp";
    static final String JOURNAL_TMP = JOURNAL + ".tmp";

    /** Files that carry no state: a directory holding only these was never committed to. */
    static final Set<String> STATELESS = Set.of(LOCK, SNAPSHOT_TMP, JOURNAL_TMP);

    static final int SNAPSHOT_MAGIC = 0x5746_534E; // "WFSN"
    static final int JOURNAL_MAGIC = 0x5746_4A4E; // "WFJN"
    static final byte FORMAT_VERSION = 1;
    /** Magic (4 bytes) then the format version (1 byte); frames follow. */
    static final int PREAMBLE_LENGTH = 5;

    private StoreFiles() {}

    static ByteBuffer preamble(int magic) {
        return ByteBuffer.allocate(PREAMBLE_LENGTH).putInt(magic).put(FORMAT_VERSION).flip();
    }

    /** Checks magic and version; a newer version is refused, never guessed at. */
    static void checkPreamble(FileChannel channel, int magic, Path path) throws IOException {
        ByteBuffer preamble = ByteBuffer.allocate(PREAMBLE_LENGTH);
        readFully(channel, preamble, 0);
        if (preamble.hasRemaining() || preamble.getInt(0) != magic) {
            throw new CorruptStoreException(path + " is not a wa-fleet " + (magic == SNAPSHOT_MAGIC ? "snapshot" : "journal"));
        }
        byte version = preamble.get(4);
        if (version != FORMAT_VERSION) {
            throw new CorruptStoreException(path + " has format version " + Byte.toUnsignedInt(version)
                    + "; this build reads version " + FORMAT_VERSION + " (written by a newer wa-fleet?)");
        }
    }

    /** Reads until {@code buffer} is full or the file ends. */
    static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                return;
            }
            at += n;
        }
    }

    static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    /** Makes a rename or a file creation in {@code dir} durable (the rename itself is atomic, not durable). */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
