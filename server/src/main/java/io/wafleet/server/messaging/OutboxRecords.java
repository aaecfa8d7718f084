package io.wafleet.server.messaging;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The two records of an outbox journal: a message was accepted (with everything needed to send it), and a
 * message's status changed. A journal is replayed in order; a status for an id the journal never accepted is
 * ignored (its acceptance was compacted away).
 */
final class OutboxRecords {

    private static final byte ACCEPTED = 1;
    private static final byte STATUS = 2;

    private OutboxRecords() {
    }

    sealed interface Entry {
    }

    record Accepted(OutboundMessage message) implements Entry {
    }

    record StatusChanged(String id, MessageStatus status, Optional<String> reason, Instant at) implements Entry {
    }

    static byte[] accepted(OutboundMessage message) {
        return write(out -> {
            out.writeByte(ACCEPTED);
            out.writeUTF(message.id());
            out.writeUTF(message.to());
            writeLongString(out, message.text());
            writeOptional(out, message.idempotencyKey());
            out.writeLong(message.acceptedAt().toEpochMilli());
        });
    }

    static byte[] statusChanged(String id, MessageStatus status, Optional<String> reason, Instant at) {
        return write(out -> {
            out.writeByte(STATUS);
            out.writeUTF(id);
            out.writeByte(status.ordinal());
            writeOptional(out, reason);
            out.writeLong(at.toEpochMilli());
        });
    }

    /** Decodes one record; a record that does not decode is corruption inside a checksummed frame: refused. */
    static Entry read(byte[] record) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record))) {
            byte kind = in.readByte();
            return switch (kind) {
                case ACCEPTED -> {
                    String id = in.readUTF();
                    String to = in.readUTF();
                    String text = readLongString(in);
                    Optional<String> key = readOptional(in);
                    Instant at = Instant.ofEpochMilli(in.readLong());
                    yield new Accepted(new OutboundMessage(id, to, text, key, at, MessageStatus.QUEUED, Optional.empty(), at));
                }
                case STATUS -> {
                    String id = in.readUTF();
                    int status = in.readUnsignedByte();
                    if (status >= MessageStatus.values().length) {
                        throw new IllegalStateException("outbox record with unknown status " + status);
                    }
                    Optional<String> reason = readOptional(in);
                    yield new StatusChanged(id, MessageStatus.values()[status], reason, Instant.ofEpochMilli(in.readLong()));
                }
                default -> throw new IllegalStateException("outbox record of unknown kind " + kind);
            };
        } catch (IOException e) {
            throw new IllegalStateException("outbox record cut short", e);
        }
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** writeUTF stops at 64 KiB of modified UTF-8; a text is length-prefixed UTF-8 instead. */
    private static void writeLongString(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readLongString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > FrameJournal.MAX_RECORD) {
            throw new IOException("bad text length " + length);
        }
        return new String(in.readNBytes(length), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void writeOptional(DataOutputStream out, Optional<String> value) throws IOException {
        out.writeBoolean(value.isPresent());
        if (value.isPresent()) {
            out.writeUTF(value.get());
        }
    }

    private static Optional<String> readOptional(DataInputStream in) throws IOException {
        return in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
    }
}
