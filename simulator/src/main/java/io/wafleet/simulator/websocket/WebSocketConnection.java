package io.wafleet.simulator.websocket;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One upgraded RFC 6455 connection, server side. Reading happens on the connection's own virtual thread
 * ({@link #readLoop}); sending is safe from any thread (one lock serialises frames). Client frames must be
 * masked; fragmented messages are reassembled up to {@code maxMessageBytes}, growing the buffer only as
 * bytes actually arrive; pings are answered with pongs; text messages are refused with 1003 because the
 * WhatsApp transport is binary only.
 */
public final class WebSocketConnection {
    private static final System.Logger LOG = System.getLogger(WebSocketConnection.class.getName());
    private static final int OP_CONTINUATION = 0x0;
    private static final int OP_TEXT = 0x1;
    private static final int OP_BINARY = 0x2;
    private static final int OP_CLOSE = 0x8;
    private static final int OP_PING = 0x9;
    private static final int OP_PONG = 0xA;
    private static final int READ_CHUNK = 64 * 1024;
    /** How long to wait for the peer's close frame after we sent ours, before cutting the TCP connection. */
    private static final Duration CLOSE_HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int maxMessageBytes;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicBoolean closeSent = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Instant silentUntil = Instant.MIN;

    WebSocketConnection(Socket socket, InputStream in, int maxMessageBytes) throws IOException {
        this.socket = socket;
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in);
        this.out = new BufferedOutputStream(socket.getOutputStream());
        this.maxMessageBytes = maxMessageBytes;
    }

    public SocketAddress remoteAddress() {
        return socket.getRemoteSocketAddress();
    }

    public boolean isOpen() {
        return !ended.get() && !closeSent.get();
    }

    /** Sends one unfragmented binary message; silently dropped while the connection is silenced or closing. */
    public void sendBinary(byte[] message) {
        if (isSilenced() || closeSent.get()) {
            return;
        }
        writeFrame(OP_BINARY, message);
    }

    /** Starts the closing handshake: sends a close frame; the read loop then waits for the peer's answer. */
    public void close(int code, String reason) {
        if (!closeSent.compareAndSet(false, true)) {
            return;
        }
        byte[] reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + Math.min(reasonBytes.length, 123)];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(reasonBytes, 0, payload, 2, payload.length - 2);
        writeFrame(OP_CLOSE, payload);
        try {
            socket.setSoTimeout((int) CLOSE_HANDSHAKE_TIMEOUT.toMillis());
        } catch (IOException e) {
            abort();
        }
    }

    /** Ends the TCP connection at once, without a close frame: what a crashed server or a cut cable looks like. */
    public void abort() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // The socket is already gone; closing below is all that matters.
        }
        closeQuietly();
    }

    /** Until the instant, nothing at all is sent, not even pongs: a peer that has gone silent. */
    public void silenceUntil(Instant until) {
        silentUntil = until;
    }

    public boolean isSilenced() {
        return Instant.now().isBefore(silentUntil);
    }

    /** Runs until the connection ends; reports every message and, once, the close to the listener. */
    void readLoop(WebSocketListener listener) {
        int code = CloseCodes.ABNORMAL;
        String reason = "connection ended without a close frame";
        try {
            listener.onOpen(this);
            ByteArrayOutputStream fragments = null;
            while (true) {
                Frame frame = readFrame(fragments == null ? 0 : fragments.size());
                switch (frame.opcode) {
                    case OP_PING -> {
                        if (!isSilenced() && !closeSent.get()) {
                            writeFrame(OP_PONG, frame.payload);
                        }
                    }
                    case OP_PONG -> { }
                    case OP_CLOSE -> {
                        CloseFrame peerClose = CloseFrame.parse(frame.payload);
                        code = peerClose.code();
                        reason = peerClose.reason();
                        close(CloseCodes.NORMAL, "");
                        return;
                    }
                    case OP_TEXT -> throw new WebSocketException(CloseCodes.UNSUPPORTED_DATA, "text messages are not supported");
                    case OP_BINARY -> {
                        if (fragments != null) {
                            throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "new message inside a fragmented one");
                        }
                        if (frame.fin) {
                            listener.onBinary(this, frame.payload);
                        } else {
                            fragments = new ByteArrayOutputStream();
                            fragments.writeBytes(frame.payload);
                        }
                    }
                    case OP_CONTINUATION -> {
                        if (fragments == null) {
                            throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "continuation without a message");
                        }
                        fragments.writeBytes(frame.payload);
                        if (frame.fin) {
                            byte[] message = fragments.toByteArray();
                            fragments = null;
                            listener.onBinary(this, message);
                        }
                    }
                    default -> throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "unknown opcode " + frame.opcode);
                }
            }
        } catch (WebSocketException e) {
            code = e.closeCode();
            reason = e.getMessage();
            close(code, reason);
        } catch (RuntimeException e) {
            // A bug in the listener must cost this connection only, and visibly.
            code = CloseCodes.INTERNAL_ERROR;
            reason = "listener failed: " + e.getClass().getSimpleName();
            LOG.log(System.Logger.Level.WARNING, "closing a WebSocket connection after a listener failure", e);
            close(code, "internal error");
        } catch (SocketTimeoutException e) {
            reason = "peer did not answer the close frame";
        } catch (IOException e) {
            reason = closeSent.get() ? "closed" : e.getMessage() == null ? reason : e.getMessage();
        } finally {
            closeQuietly();
            if (ended.compareAndSet(false, true)) {
                listener.onClose(this, code, reason);
            }
        }
    }

    private Frame readFrame(int bufferedMessageBytes) throws IOException {
        int b0 = readByte();
        int b1 = readByte();
        boolean fin = (b0 & 0x80) != 0;
        if ((b0 & 0x70) != 0) {
            throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "reserved bits set without a negotiated extension");
        }
        int opcode = b0 & 0x0F;
        if ((b1 & 0x80) == 0) {
            throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "client frames must be masked");
        }
        long length = b1 & 0x7F;
        if (length == 126) {
            length = (readByte() << 8) | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte();
            }
            if (length < 0) {
                throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "negative frame length");
            }
        }
        boolean control = (opcode & 0x8) != 0;
        if (control && (!fin || length > 125)) {
            throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "control frames must be final and at most 125 bytes");
        }
        if (length + bufferedMessageBytes > maxMessageBytes) {
            throw new WebSocketException(CloseCodes.MESSAGE_TOO_BIG, "message exceeds " + maxMessageBytes + " bytes");
        }
        byte[] mask = in.readNBytes(4);
        if (mask.length < 4) {
            throw new EOFException("connection closed inside a frame header");
        }
        byte[] payload = readPayload((int) length);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i & 3];
        }
        return new Frame(fin, opcode, payload);
    }

    /** Reads in chunks so that a large declared length costs memory only as its bytes arrive. */
    private byte[] readPayload(int length) throws IOException {
        if (length <= READ_CHUNK) {
            byte[] payload = in.readNBytes(length);
            if (payload.length < length) {
                throw new EOFException("connection closed inside a frame");
            }
            return payload;
        }
        ByteArrayOutputStream collected = new ByteArrayOutputStream(READ_CHUNK);
        while (collected.size() < length) {
            byte[] chunk = in.readNBytes(Math.min(READ_CHUNK, length - collected.size()));
            if (chunk.length == 0) {
                throw new EOFException("connection closed inside a frame");
            }
            collected.writeBytes(chunk);
        }
        return collected.toByteArray();
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed");
        }
        return b;
    }

    private record CloseFrame(int code, String reason) {
        static CloseFrame parse(byte[] payload) {
            if (payload.length == 1) {
                throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "close payload of one byte");
            }
            if (payload.length == 0) {
                return new CloseFrame(CloseCodes.NORMAL, "");
            }
            int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
            return new CloseFrame(code, new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
        }
    }

    private void writeFrame(int opcode, byte[] payload) {
        writeLock.lock();
        try {
            out.write(0x80 | opcode);
            if (payload.length < 126) {
                out.write(payload.length);
            } else if (payload.length <= 0xFFFF) {
                out.write(126);
                out.write(payload.length >> 8);
                out.write(payload.length);
            } else {
                out.write(127);
                long length = payload.length;
                for (int shift = 56; shift >= 0; shift -= 8) {
                    out.write((int) (length >> shift));
                }
            }
            out.write(payload);
            out.flush();
        } catch (IOException e) {
            // The peer is gone; the read loop notices and reports the close.
            closeQuietly();
        } finally {
            writeLock.unlock();
        }
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing left to release.
        }
    }

    private record Frame(boolean fin, int opcode, byte[] payload) {}
}
