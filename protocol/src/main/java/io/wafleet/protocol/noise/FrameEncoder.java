package io.wafleet.protocol.noise;

/**
 * Turns payloads into wire bytes for one connection. The client's encoder puts its {@link IntroHeader} in front
 * of the first frame, in the same WebSocket message as Baileys and WhatsApp Web do; the server's never does.
 *
 * <p>Not thread-safe: it belongs to the connection's single writer, like the outbound {@link TransportCipher}.
 */
public final class FrameEncoder {
    private byte[] pendingIntro;

    private FrameEncoder(byte[] pendingIntro) {
        this.pendingIntro = pendingIntro;
    }

    public static FrameEncoder client(IntroHeader intro) {
        return new FrameEncoder(intro.encode());
    }

    public static FrameEncoder server() {
        return new FrameEncoder(new byte[0]);
    }

    /** One WebSocket message's worth of bytes: (intro, first call only) ‖ 3-byte length ‖ payload. */
    public byte[] encode(byte[] payload) {
        Frames.requireEncodable(payload.length);
        byte[] intro = pendingIntro;
        byte[] out = new byte[intro.length + Frames.LENGTH_BYTES + payload.length];
        System.arraycopy(intro, 0, out, 0, intro.length);
        Frames.writeLength(out, intro.length, payload.length);
        System.arraycopy(payload, 0, out, intro.length + Frames.LENGTH_BYTES, payload.length);
        pendingIntro = new byte[0];
        return out;
    }
}
