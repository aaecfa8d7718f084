package io.wafleet.protocol.noise;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reassembles whole frames from WebSocket messages that may split a frame or carry several. The server's reader
 * first parses and strips the client's {@link IntroHeader} (either form); the client's reader expects frames
 * from the first byte.
 *
 * <p>Memory stays bounded by what arrived: a declared length is checked against the cap before anything is
 * buffered for it, and the buffer only grows as bytes come in (at most to the declared frame size), so a
 * garbage length costs nothing until the peer actually sends that many bytes. An idle reader drops large
 * buffers. After a {@link FramingException} the stream is unusable and every later call throws again.
 *
 * <p>Not thread-safe: it belongs to the connection's single reader.
 */
public final class FrameReader {
    private static final byte[] EMPTY = new byte[0];
    /** Buffers up to this size are kept between frames; larger ones are released once drained. */
    private static final int RETAINED_CAPACITY = 8 * 1024;
    private static final int WA_HEADER_LENGTH = IntroHeader.waHeader().length;
    private static final byte[] WA_HEADER = IntroHeader.waHeader();
    private static final byte[] EDGE_ROUTING_PREFIX = IntroHeader.edgeRoutingPrefix();

    private final int maxFrameLength;
    private boolean awaitingIntro;
    private IntroHeader intro;
    private byte[] buffer = EMPTY;
    private int start;
    private int end;
    /** How many bytes the item being parsed needs in total, once its header says so; bounds buffer growth. */
    private int declaredTarget;
    private String failure;
    /** The window handed to frame handlers; one per reader, reopened for every frame. */
    private final FramePayload payload = new FramePayload();
    /** True while a handler runs, to refuse a re-entrant feed that would move the buffer under it. */
    private boolean handing;

    private FrameReader(boolean awaitingIntro, int maxFrameLength) {
        if (maxFrameLength < 0 || maxFrameLength > Frames.MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("max frame length must be within 0.." + Frames.MAX_FRAME_LENGTH + ", got " + maxFrameLength);
        }
        this.awaitingIntro = awaitingIntro;
        this.maxFrameLength = maxFrameLength;
    }

    /** Reads a client's stream: intro header first, then frames of up to 16 MiB − 1. */
    public static FrameReader forServer() {
        return forServer(Frames.MAX_FRAME_LENGTH);
    }

    public static FrameReader forServer(int maxFrameLength) {
        return new FrameReader(true, maxFrameLength);
    }

    /** Reads a server's stream: frames only, of up to 16 MiB − 1. */
    public static FrameReader forClient() {
        return forClient(Frames.MAX_FRAME_LENGTH);
    }

    public static FrameReader forClient(int maxFrameLength) {
        return new FrameReader(false, maxFrameLength);
    }

    /**
     * Adds bytes and returns every frame payload (without its length prefix) that is now complete, in order;
     * possibly none, each as its own copy. Throws {@link FramingException} for a bad intro or a frame longer
     * than the cap. {@link #feed(byte[], FrameHandler)} does the same without copying the payloads.
     */
    public List<byte[]> feed(byte[] chunk) {
        return feed(chunk, 0, chunk.length);
    }

    /** Consumes the buffer's remaining bytes; otherwise as {@link #feed(byte[])}. */
    public List<byte[]> feed(ByteBuffer chunk) {
        List<byte[]> frames = new ArrayList<>(1);
        feed(chunk, frame -> frames.add(frame.toByteArray()));
        return frames;
    }

    /** Adds {@code chunk[offset, offset + length)}; otherwise as {@link #feed(byte[])}. */
    public List<byte[]> feed(byte[] chunk, int offset, int length) {
        List<byte[]> frames = new ArrayList<>(1);
        feed(chunk, offset, length, frame -> frames.add(frame.toByteArray()));
        return frames;
    }

    /**
     * Adds bytes and calls {@code handler} with every frame payload that is now complete, in order, without
     * copying it out of the reader: the hot path for a payload that is decrypted at once
     * ({@link TransportCipher#decryptNode(FramePayload)}). Throws {@link FramingException} for a bad intro or a
     * frame longer than the cap. An exception from the handler propagates at once; the frame it was given counts
     * as read, and frames after it stay buffered for the next call. The handler must not feed this reader.
     */
    public <E extends Exception> void feed(byte[] chunk, FrameHandler<E> handler) throws E {
        feed(chunk, 0, chunk.length, handler);
    }

    public <E extends Exception> void feed(byte[] chunk, int offset, int length, FrameHandler<E> handler) throws E {
        Objects.checkFromIndexSize(offset, length, chunk.length);
        requireUsable();
        int at = reserve(length);
        System.arraycopy(chunk, offset, buffer, at, length);
        drain(handler);
    }

    /** Consumes the buffer's remaining bytes; otherwise as {@link #feed(byte[], FrameHandler)}. */
    public <E extends Exception> void feed(ByteBuffer chunk, FrameHandler<E> handler) throws E {
        requireUsable();
        int length = chunk.remaining();
        int at = reserve(length);
        chunk.get(buffer, at, length);
        drain(handler);
    }

    private void requireUsable() {
        if (failure != null) {
            throw new FramingException("frame stream already failed: " + failure);
        }
        if (handing) {
            throw new IllegalStateException("a frame handler must not feed the reader that called it");
        }
    }

    private <E extends Exception> void drain(FrameHandler<E> handler) throws E {
        if (awaitingIntro && !readIntro()) {
            return;
        }
        while (nextFrame()) {
            handing = true;
            try {
                handler.onFrame(payload);
            } finally {
                payload.close();
                handing = false;
            }
        }
        releaseIfDrained();
    }

    /** The client's intro header, once a server-side reader has parsed it. */
    public Optional<IntroHeader> intro() {
        return Optional.ofNullable(intro);
    }

    /** Bytes received but not yet returned as a frame. */
    public int bufferedBytes() {
        return end - start;
    }

    /** Bytes currently allocated for buffering; lets tests prove growth stays bounded by the input. */
    int bufferCapacity() {
        return buffer.length;
    }

    private boolean readIntro() {
        int available = end - start;
        boolean routed = startsWith(EDGE_ROUTING_PREFIX, available);
        if (!routed && !startsWith(WA_HEADER, available)) {
            throw fail("stream does not start with a WhatsApp intro header (57 41 06 03 or 45 44 00 01)");
        }
        if (!routed) {
            if (available < WA_HEADER_LENGTH) {
                return false;
            }
            start += WA_HEADER_LENGTH;
            intro = IntroHeader.plain();
            awaitingIntro = false;
            return true;
        }
        int lengthOffset = EDGE_ROUTING_PREFIX.length;
        if (available < lengthOffset + Frames.LENGTH_BYTES) {
            return false;
        }
        int routingLength = Frames.readLength(buffer, start + lengthOffset);
        if (routingLength > IntroHeader.MAX_ROUTING_INFO_LENGTH) {
            throw fail("routing info of " + routingLength + " bytes exceeds the maximum of " + IntroHeader.MAX_ROUTING_INFO_LENGTH);
        }
        int routingOffset = lengthOffset + Frames.LENGTH_BYTES;
        int total = routingOffset + routingLength + WA_HEADER_LENGTH;
        if (available < total) {
            declaredTarget = total;
            return false;
        }
        int headerOffset = start + routingOffset + routingLength;
        if (!Arrays.equals(buffer, headerOffset, headerOffset + WA_HEADER_LENGTH, WA_HEADER, 0, WA_HEADER_LENGTH)) {
            throw fail("routing info in the intro is not followed by the WA header 57 41 06 03");
        }
        intro = IntroHeader.withRoutingInfo(Arrays.copyOfRange(buffer, start + routingOffset, headerOffset));
        start += total;
        declaredTarget = 0;
        awaitingIntro = false;
        return true;
    }

    /** True when the buffered bytes (possibly fewer than the pattern) agree with the start of {@code pattern}. */
    private boolean startsWith(byte[] pattern, int available) {
        int n = Math.min(available, pattern.length);
        return Arrays.equals(buffer, start, start + n, pattern, 0, n);
    }

    /** Opens {@link #payload} on the next complete frame and consumes it; false when none is complete yet. */
    private boolean nextFrame() {
        int available = end - start;
        if (available < Frames.LENGTH_BYTES) {
            return false;
        }
        int length = Frames.readLength(buffer, start);
        if (length > maxFrameLength) {
            throw fail("frame declares " + length + " bytes, more than the maximum of " + maxFrameLength);
        }
        int total = Frames.LENGTH_BYTES + length;
        if (available < total) {
            declaredTarget = total;
            return false;
        }
        payload.open(buffer, start + Frames.LENGTH_BYTES, length);
        start += total;
        declaredTarget = 0;
        return true;
    }

    /** Makes room for {@code length} more bytes and returns where they go; the caller copies them there. */
    private int reserve(int length) {
        int pending = end - start;
        if (buffer.length - end < length) {
            long needed = (long) pending + length;
            if (needed > Integer.MAX_VALUE - 8) {
                throw fail("more than 2 GiB buffered without a complete frame");
            }
            if (needed <= buffer.length) {
                System.arraycopy(buffer, start, buffer, 0, pending);
            } else {
                // Grow geometrically to avoid quadratic copying, but never past what the pending item declared:
                // the buffer is bounded by the bytes received or by one frame within the cap, whichever is larger.
                int geometric = (int) Math.min(2L * buffer.length, Math.max(declaredTarget, needed));
                byte[] grown = new byte[Math.max((int) needed, geometric)];
                System.arraycopy(buffer, start, grown, 0, pending);
                buffer = grown;
            }
            start = 0;
            end = pending;
        }
        int at = end;
        end += length;
        return at;
    }

    /** Marks the stream unusable (every later call throws) and drops what was buffered. */
    private FramingException fail(String problem) {
        failure = problem;
        buffer = EMPTY;
        start = end = 0;
        return new FramingException(problem);
    }

    private void releaseIfDrained() {
        if (start == end) {
            start = end = 0;
            if (buffer.length > RETAINED_CAPACITY) {
                buffer = EMPTY;
            }
        }
    }
}
