package io.wafleet.bench;

import io.wafleet.protocol.binary.BinaryNodes;
import io.wafleet.protocol.binary.Node;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * The per-message transport hot path, end to end, for a ~1 KB message stanza ({@link MessagePipeline}).
 * {@link TransportStageBenchmark} times the same steps one by one, to say where time and allocation go.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TransportFrameBenchmark {

    /** Sending: binary node → AES-GCM under the next counter → length-prefixed WebSocket message. */
    @Benchmark
    public byte[] encryptAndEncode(MessagePipeline pipeline) {
        return pipeline.sendEncoder.encode(pipeline.sendCipher.encrypt(BinaryNodes.encode(pipeline.stanza)));
    }

    /** Receiving: WebSocket message → frame payload → AES-GCM open under the next counter → node. */
    @Benchmark
    public Node decodeAndDecrypt(MessagePipeline pipeline) {
        byte[] payload = pipeline.receiveReader.feed(pipeline.nextWireFrame()).getFirst();
        return BinaryNodes.decode(pipeline.receiveCipher().decrypt(payload));
    }
}
