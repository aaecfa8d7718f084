package io.wafleet.protocol.store;

import com.google.protobuf.InvalidProtocolBufferException;
import io.wafleet.protocol.proto.StoreRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The frame every record is written in: {@code [uint32 length][uint32 crc32c][record]}, big-endian. The checksum
 * covers the length and the record, so a torn or flipped byte anywhere in a frame is detected.
 */
final class Frames {
    static final int HEADER_LENGTH = 8;
    /** Larger than any record the protocol produces; a bigger length field is corruption, not a record. */
    static final int MAX_RECORD_LENGTH = 16 * 1024 * 1024;

    private Frames() {}

    static byte[] encode(StoreRecord record) {
        byte[] payload = record.toByteArray();
        if (payload.length > MAX_RECORD_LENGTH) {
            throw new IllegalArgumentException("record of " + payload.length + " bytes exceeds " + MAX_RECORD_LENGTH);
        }
        ByteBuffer frame = ByteBuffer.allocate(HEADER_LENGTH + payload.length);
        frame.putInt(payload.length).putInt(checksum(payload.length, payload, 0, payload.length)).put(payload);
        return frame.array();
    }

    static int checksum(int length, byte[] payload, int offset, int count) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(4).putInt(0, length));
        crc.update(payload, offset, count);
        return (int) crc.getValue();
    }

    /** Reads and verifies the frame of {@code frameLength} bytes at {@code offset}, as an index recorded it. */
    static StoreRecord readAt(FileChannel channel, long offset, int frameLength, Path path) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(frameLength);
        StoreFiles.readFully(channel, frame, offset);
        if (frame.hasRemaining()) {
            throw new CorruptStoreException(path + ": frame at " + offset + " is cut short");
        }
        return decode(frame.array(), 0, frameLength, offset, path);
    }

    /** Decodes the frame at {@code start} of {@code block}; it must fit in {@code limit} bytes. */
    static StoreRecord decode(byte[] block, int start, int limit, long fileOffset, Path path) {
        if (limit < HEADER_LENGTH) {
            throw new CorruptStoreException(path + ": frame at " + fileOffset + " is cut short");
        }
        ByteBuffer header = ByteBuffer.wrap(block, start, HEADER_LENGTH);
        int length = header.getInt();
        int crc = header.getInt();
        if (length < 0 || length > limit - HEADER_LENGTH) {
            throw new CorruptStoreException(path + ": frame at " + fileOffset + " has a bad length " + length);
        }
        if (checksum(length, block, start + HEADER_LENGTH, length) != crc) {
            throw new CorruptStoreException(path + ": frame at " + fileOffset + " fails its checksum");
        }
        try {
            return StoreRecord.parseFrom(ByteBuffer.wrap(block, start + HEADER_LENGTH, length));
        } catch (InvalidProtocolBufferException e) {
            throw new CorruptStoreException(path + ": frame at " + fileOffset + " holds no valid record", e);
        }
    }

    /** The total length of the frame whose header starts at {@code start}; only meaningful after a decode. */
    static int frameLength(byte[] block, int start) {
        return HEADER_LENGTH + ByteBuffer.wrap(block, start, 4).getInt();
    }
}
