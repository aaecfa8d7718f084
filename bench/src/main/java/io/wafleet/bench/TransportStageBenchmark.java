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
 * Each step of {@link TransportFrameBenchmark} on its own, on the same stanza, so that {@code -prof gc} shows
 * which step allocates what: {@code send1} + {@code send2SealIntoFrame} make up sending, {@code receive1ReadFrame}
 * + {@code receive2Decrypt} + {@code receive3DecodeNode} receiving (roughly: the JIT may scalar-replace a few
 * small objects in one and not the other). The other three time the standalone forms a caller can still use
 * (encrypt to an array, frame an array, payloads as a list of copies), for comparison.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TransportStageBenchmark {

    @Benchmark
    public byte[] send1EncodeNode(MessagePipeline pipeline) {
        return BinaryNodes.encode(pipeline.stanza);
    }

    /** Encrypt and frame in one: the cipher writes behind the length prefix. */
    @Benchmark
    public byte[] send2SealIntoFrame(MessagePipeline pipeline) {
        return pipeline.sendEncoder.encodeSealed(pipeline.sendCipher, pipeline.plaintext);
    }

    /** Standalone: ciphertext ‖ tag as its own array. */
    @Benchmark
    public byte[] send2Encrypt(MessagePipeline pipeline) {
        return pipeline.sendCipher.encrypt(pipeline.plaintext);
    }

    /** Standalone: an already sealed payload copied behind a length prefix. */
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

    /** Standalone: every payload copied out into a list. */
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
