package io.wafleet.protocol.store;

import com.google.protobuf.InvalidProtocolBufferException;
import io.wafleet.protocol.proto.StoreRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Reads the frames of a file in order and says, for the first frame that does not verify, whether it can be a
 * torn tail (an interrupted append: nothing valid can follow it) or must be damage in the middle of the file.
 * Never allocates more than the file holds.
 */
final class FrameScanner {
    private static final int ZERO_CHECK_CHUNK = 8192;

    /** What the scanner found at the current position. */
    sealed interface Step {
        /** A verified frame of {@code length} bytes (header included) at {@code offset}. */
        record Frame(long offset, int length, StoreRecord record) implements Step {}

        /** The file ends exactly here. */
        record End(long offset) implements Step {}

        /**
         * The frame at {@code offset} does not verify. {@code tornTail} is true when it reaches the end of the file
         * or only zero bytes follow it: the shape an append cut off by a crash leaves.
         */
        record Invalid(long offset, boolean tornTail, String reason) implements Step {}
    }

    private final FileChannel channel;
    private final Path path;
    private final long end;
    private long position;

    FrameScanner(FileChannel channel, Path path, long start, long end) {
        this.channel = channel;
        this.path = path;
        this.position = start;
        this.end = end;
    }

    Step next() throws IOException {
        long offset = position;
        if (offset == end) {
            return new Step.End(offset);
        }
        if (end - offset < Frames.HEADER_LENGTH) {
            return new Step.Invalid(offset, true, "a frame header is cut short");
        }
        ByteBuffer header = read(offset, Frames.HEADER_LENGTH);
        int length = header.getInt();
        int crc = header.getInt();
        if (length < 0 || length > Frames.MAX_RECORD_LENGTH) {
            return new Step.Invalid(offset, onlyZerosFrom(offset), "bad frame length " + length);
        }
        long frameEnd = offset + Frames.HEADER_LENGTH + length;
        if (frameEnd > end) {
            return new Step.Invalid(offset, true, "a frame is cut short");
        }
        byte[] payload = read(offset + Frames.HEADER_LENGTH, length).array();
        if (Frames.checksum(length, payload, 0, length) != crc) {
            return new Step.Invalid(offset, frameEnd == end || onlyZerosFrom(offset), "a frame fails its checksum");
        }
        StoreRecord record;
        try {
            record = StoreRecord.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            // The checksum held, so the bytes are what was written: a bug or a newer writer, never a torn append.
            return new Step.Invalid(offset, false, "a frame holds no valid record");
        }
        position = frameEnd;
        return new Step.Frame(offset, (int) (frameEnd - offset), record);
    }

    private ByteBuffer read(long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        StoreFiles.readFully(channel, buffer, offset);
        if (buffer.hasRemaining()) {
            throw new CorruptStoreException(path + " shrank while it was being read");
        }
        return buffer.flip();
    }

    /** A crash after the file grew but before its pages were written can leave zeros (seen after power loss). */
    private boolean onlyZerosFrom(long offset) throws IOException {
        for (long at = offset; at < end; at += ZERO_CHECK_CHUNK) {
            ByteBuffer chunk = read(at, (int) Math.min(ZERO_CHECK_CHUNK, end - at));
            while (chunk.hasRemaining()) {
                if (chunk.get() != 0) {
                    return false;
                }
            }
        }
        return true;
    }
}
