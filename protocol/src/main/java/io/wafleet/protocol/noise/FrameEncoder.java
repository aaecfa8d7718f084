package io.wafleet.protocol.noise;

import io.wafleet.protocol.binary.BinaryNodes;
import io.wafleet.protocol.binary.Node;

/**
 * Turns payloads into wire bytes for one connection. The client's encoder puts its {@link IntroHeader} in front
 * of the first frame, in the same WebSocket message as Baileys and WhatsApp Web do; the server's never does.
 *
 * <p>Not thread-safe: it belongs to the connection's single writer, like the outbound {@link TransportCipher}.
 */
public final class FrameEncoder {
    private static final byte[] NO_INTRO = new byte[0];

    private byte[] pendingIntro;

    private FrameEncoder(byte[] pendingIntro) {
        this.pendingIntro = pendingIntro;
    }

    public static FrameEncoder client(IntroHeader intro) {
        return new FrameEncoder(intro.encode());
    }

    public static FrameEncoder server() {
        return new FrameEncoder(NO_INTRO);
    }

    /** One WebSocket message's worth of bytes: (intro, first call only) ‖ 3-byte length ‖ payload. */
    public byte[] encode(byte[] payload) {
        byte[] out = newFrame(payload.length);
        System.arraycopy(payload, 0, out, out.length - payload.length, payload.length);
        pendingIntro = NO_INTRO;
        return out;
    }

    /**
     * The WebSocket message carrying {@code node} sealed by {@code cipher}: the same bytes as
     * {@code encode(cipher.encrypt(BinaryNodes.encode(node)))}, but the node is encoded straight into the frame
     * behind the length prefix and sealed there, so the frame is the only array. Advances the cipher's counter;
     * a failure leaves this encoder as it was.
     */
    public byte[] encodeSealed(TransportCipher cipher, Node node) {
        int plaintextLength = BinaryNodes.encodedLength(node);
        int sealedLength = TransportCipher.sealedLength(plaintextLength);
        byte[] out = newFrame(sealedLength);
        int payloadOffset = out.length - sealedLength;
        BinaryNodes.encodeInto(node, out, payloadOffset);
        cipher.encryptInPlace(out, payloadOffset, plaintextLength);
        pendingIntro = NO_INTRO;
        return out;
    }

    /** An array for (pending intro) ‖ length prefix ‖ payload, with all but the payload written. */
    private byte[] newFrame(int payloadLength) {
        Frames.requireEncodable(payloadLength);
        byte[] intro = pendingIntro;
        byte[] out = new byte[intro.length + Frames.LENGTH_BYTES + payloadLength];
        System.arraycopy(intro, 0, out, 0, intro.length);
        Frames.writeLength(out, intro.length, payloadLength);
        return out;
    }
}
