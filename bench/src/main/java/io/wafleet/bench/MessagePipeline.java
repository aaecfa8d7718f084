package io.wafleet.bench;

import io.wafleet.protocol.binary.BinaryNodes;
import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.noise.FrameEncoder;
import io.wafleet.protocol.noise.FrameHandler;
import io.wafleet.protocol.noise.FrameReader;
import io.wafleet.protocol.noise.IntroHeader;
import io.wafleet.protocol.noise.TransportCipher;
import io.wafleet.protocol.noise.TransportKeys;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One established client connection moving a typical encrypted 1:1 message, for the transport benchmarks: the
 * client sends with its outbound cipher and frame encoder, and receives frames the server sealed.
 *
 * <p>Receiving is the awkward half: a {@link TransportCipher} advances its counter on every frame, so the
 * ciphertext a benchmark feeds it must have been sealed under exactly that counter; re-feeding one frame
 * would fail to authenticate. So the trial set-up seals {@link #RING_SIZE} consecutive frames from the server
 * once, and the receive benchmarks walk through them in order. When the ring is used up, the receiving cipher is
 * rebuilt at counter 0 and the walk restarts: that costs one cipher pair's JCE set-up (about 6 KB and a few
 * microseconds) once per {@value #RING_SIZE} operations, about 6 B/op and a few ns amortised, so every measured
 * operation does the real work of
 * opening a frame nobody opened before in this cipher's life. Per-invocation set-up was rejected: at a few
 * microseconds per operation its timestamping would distort the result. A ring of ~1 MB is about a core's L2
 * cache, so most frames are not cache-hot, as bytes fresh from the network would not be.
 */
@State(Scope.Thread)
public class MessagePipeline {
    /** Frames sealed ahead for the receive side; a power of two only for readability. */
    static final int RING_SIZE = 1024;
    /** The size of the Signal ciphertext in the stanza: what makes a typical text message about 1 KB on the wire. */
    static final int SIGNAL_CIPHERTEXT_BYTES = 900;

    private static final long SEED = 0x5EED_CAFEL;

    Node stanza;
    /** What the client's encoder produces for {@link #stanza}: flags byte and binary node. */
    byte[] plaintext;
    /** {@link #plaintext} sealed under some counter, i.e. one frame payload, for the stages that need no pairing. */
    byte[] sealedPlaintext;
    /** {@link #sealedPlaintext} with its 3-byte length prefix, as one WebSocket message. */
    byte[] wireFrame;

    /** One for the whole trial: it seals tens of millions of frames at most, far below the 2^32 counter limit. */
    TransportCipher sendCipher;
    FrameEncoder sendEncoder;

    FrameReader receiveReader;
    /**
     * What a connection's read loop does with each frame the reader hands over: open it with the receiving
     * cipher where it lies in the reader's buffer, and decode the node from there. One handler for the trial, like the
     * method reference a connection passes, so no capturing lambda is allocated per operation.
     */
    final FrameHandler<RuntimeException> decryptAndDecode = frame -> received = receiveCipher().decryptNode(frame);
    /** Reads the frame's length only: the reader's own cost, with nothing copied or decrypted. */
    final FrameHandler<RuntimeException> measureLength = frame -> receivedLength = frame.length();
    /** Where the handlers leave their result for the benchmark method to return. */
    Node received;
    int receivedLength;
    /** Server-sealed frames for counters 0..RING_SIZE-1: {@code payloadRing[i]} bare, {@code wireRing[i]} framed. */
    byte[][] payloadRing;
    byte[][] wireRing;
    private TransportKeys keys;
    private TransportCipher receiveCipher;
    private int nextInRing;

    @Setup(Level.Trial)
    public void connect() {
        Random random = new Random(SEED);
        stanza = typicalMessage(random);
        keys = new TransportKeys(randomBytes(random, 32), randomBytes(random, 32));

        sendCipher = keys.clientCiphers().outbound();
        sendEncoder = FrameEncoder.client(IntroHeader.plain());
        // In a real connection the intro header leaves with the ClientHello; send a stand-in so that every measured
        // frame is a steady-state one. The client's counter stays at 0: handshake messages are not transport frames.
        sendEncoder.encode(new byte[0]);

        plaintext = BinaryNodes.encode(stanza);
        TransportCipher serverSend = keys.serverCiphers().outbound();
        FrameEncoder serverEncoder = FrameEncoder.server();
        payloadRing = new byte[RING_SIZE][];
        wireRing = new byte[RING_SIZE][];
        for (int i = 0; i < RING_SIZE; i++) {
            payloadRing[i] = serverSend.encrypt(plaintext);
            wireRing[i] = serverEncoder.encode(payloadRing[i]);
        }
        sealedPlaintext = payloadRing[0];
        wireFrame = wireRing[0];
        receiveReader = FrameReader.forClient();
        restartRing();
        requireRoundTrip();
    }

    /** The next unseen server frame as one WebSocket message; pair with {@link #receiveCipher()}. */
    byte[] nextWireFrame() {
        return wireRing[advance()];
    }

    /** The next unseen server frame payload, without its length prefix; pair with {@link #receiveCipher()}. */
    byte[] nextPayload() {
        return payloadRing[advance()];
    }

    /** The cipher whose counter matches the frame last handed out. */
    TransportCipher receiveCipher() {
        return receiveCipher;
    }

    private int advance() {
        if (nextInRing == RING_SIZE) {
            restartRing();
        }
        return nextInRing++;
    }

    private void restartRing() {
        receiveCipher = keys.clientCiphers().inbound();
        nextInRing = 0;
    }

    /** Fails the trial up front if the pipeline does not reproduce the stanza, rather than timing garbage. */
    private void requireRoundTrip() {
        TransportCipher probe = keys.clientCiphers().inbound();
        List<byte[]> payloads = FrameReader.forClient().feed(wireRing[0]);
        if (payloads.size() != 1) {
            throw new IllegalStateException("one wire frame yielded " + payloads.size() + " payloads");
        }
        Node decoded = BinaryNodes.decode(probe.decrypt(payloads.getFirst()));
        if (!decoded.equals(stanza)) {
            throw new IllegalStateException("the benchmark pipeline does not round-trip the stanza: " + decoded);
        }
        byte[] sealedFrame = FrameEncoder.server().encodeSealed(keys.serverCiphers().outbound(), stanza);
        if (!Arrays.equals(sealedFrame, wireRing[0])) {
            throw new IllegalStateException("sealing into the frame does not give the bytes of encode-encrypt-frame");
        }
    }

    /**
     * {@code <message id to type t><enc v='2' type='msg'>…</enc></message>}: a WhatsApp Web message id
     * (hex-packed), a phone JID, token attributes, and the Signal ciphertext as raw bytes.
     */
    private static Node typicalMessage(Random random) {
        Node enc = Node.builder("enc")
                .attr("v", "2")
                .attr("type", "msg")
                .bytes(randomBytes(random, SIGNAL_CIPHERTEXT_BYTES))
                .build();
        return Node.builder("message")
                .attr("id", "3EB0A1C2D3E4F5061728")
                .attr("to", "4915112345678@s.whatsapp.net")
                .attr("type", "text")
                .attr("t", "1764230000")
                .child(enc)
                .build();
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
