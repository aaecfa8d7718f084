package io.wafleet.bench;

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

    /**
     * Sending, as a connection does it: the binary node encoded straight into the WebSocket message behind the
     * length prefix, then sealed there (AES-GCM under the next counter).
     */
    @Benchmark
    public byte[] encryptAndEncode(MessagePipeline pipeline) {
        return pipeline.sendEncoder.encodeSealed(pipeline.sendCipher, pipeline.stanza);
    }

    /**
     * Receiving, as a connection does it: WebSocket message → frame payload, handed over in the reader's buffer →
     * AES-GCM open in place under the next counter → node decoded from there.
     */
    @Benchmark
    public Node decodeAndDecrypt(MessagePipeline pipeline) {
        pipeline.receiveReader.feed(pipeline.nextWireFrame(), pipeline.decryptAndDecode);
        return pipeline.received;
    }
}
