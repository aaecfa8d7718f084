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
 * which step allocates what. The six figures add up (roughly) to the two end-to-end ones.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TransportStageBenchmark {

    @Benchmark
    public byte[] send1EncodeNode(MessagePipeline pipeline) {
        return BinaryNodes.encode(pipeline.stanza);
    }

    @Benchmark
    public byte[] send2Encrypt(MessagePipeline pipeline) {
        return pipeline.sendCipher.encrypt(pipeline.plaintext);
    }

    @Benchmark
    public byte[] send3Frame(MessagePipeline pipeline) {
        return pipeline.sendEncoder.encode(pipeline.sealedPlaintext);
    }

    /** A reader fed whole frames keeps nothing between calls, so one frame can be fed again and again. */
    @Benchmark
    public List<byte[]> receive1ReadFrame(MessagePipeline pipeline) {
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
