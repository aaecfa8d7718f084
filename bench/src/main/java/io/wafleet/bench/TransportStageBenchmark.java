package io.wafleet.bench;

import io.wafleet.protocol.binary.BinaryNodes;
import io.wafleet.protocol.binary.Node;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * The steps of {@link TransportFrameBenchmark} on their own, on the same stanza, so that {@code -prof gc} shows
 * what each costs. A connection fuses some of them, so the end-to-end figures are the sum of the steps minus
 * the arrays that fusing saves: sending encodes the node straight into the frame and seals it there (no
 * plaintext array, no separate ciphertext, no copy behind the length prefix), and receiving opens the frame in
 * the reader's buffer and decodes it from there (no payload copy, no plaintext array).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TransportStageBenchmark {

    @Benchmark
    public byte[] send1EncodeNode(MessagePipeline pipeline) {
        return BinaryNodes.encode(pipeline.stanza);
    }

    /** Ciphertext ‖ tag as its own array. */
    @Benchmark
    public byte[] send2Encrypt(MessagePipeline pipeline) {
        return pipeline.sendCipher.encrypt(pipeline.plaintext);
    }

    /** An already sealed payload copied behind a length prefix. */
    @Benchmark
    public byte[] send3Frame(MessagePipeline pipeline) {
        return pipeline.sendEncoder.encode(pipeline.sealedPlaintext);
    }

    /**
     * The reader finds the frame and hands it to a handler in its own buffer. A reader fed whole frames keeps
     * nothing between calls, so one frame can be fed again and again.
     */
    @Benchmark
    public int receive1ReadFrame(MessagePipeline pipeline) {
        pipeline.receiveReader.feed(pipeline.wireFrame, pipeline.measureLength);
        return pipeline.receivedLength;
    }

    /** The list form: every payload copied out into a list. */
    @Benchmark
    public List<byte[]> receive1ReadFrameCopies(MessagePipeline pipeline) {
        return pipeline.receiveReader.feed(pipeline.wireFrame);
    }

    @Benchmark
    public byte[] receive2Decrypt(MessagePipeline pipeline) {
        byte[] payload = pipeline.nextPayload();
        return pipeline.receiveCipher().decrypt(payload);
    }

    @Benchmark
    public Node receive3DecodeNode(MessagePipeline pipeline) {
        return BinaryNodes.decode(pipeline.plaintext);
    }
}
