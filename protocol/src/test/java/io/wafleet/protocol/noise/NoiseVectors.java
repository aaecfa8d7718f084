package io.wafleet.protocol.noise;

import com.fasterxml.jackson.databind.JsonNode;
import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.proto.CertChain;
import io.wafleet.protocol.proto.CertChain.NoiseCertificate;
import io.wafleet.protocol.testing.Vectors;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the pieces of noise-handshake.json the tests need; every value comes from the file. */
final class NoiseVectors {
    static final String FILE = "noise-handshake.json";

    private NoiseVectors() {}

    static JsonNode file() {
        return Vectors.load(FILE);
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        if (items.isEmpty()) {
            throw new IllegalStateException(FILE + ": expected a non-empty array");
        }
        return items;
    }

    static KeyPair keyPair(JsonNode node) {
        return new KeyPair(Vectors.hex(node.get("privateHex")), Vectors.hex(node.get("publicHex")));
    }

    static byte[] hex(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalStateException(FILE + ": missing " + field);
        }
        return Vectors.hex(value);
    }

    static Optional<byte[]> optionalHex(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(Vectors.hex(value));
    }

    /**
     * The recorded chains were valid relative to the moment they were made, not to today, so the replay's clock
     * stands at the latest notBefore of the certificates present (inside every window of a well-formed chain).
     */
    static Clock clockInside(byte[] certChain) {
        try {
            CertChain chain = CertChain.parseFrom(certChain);
            long latestNotBefore = 0;
            for (NoiseCertificate certificate : List.of(chain.getIntermediate(), chain.getLeaf())) {
                if (!certificate.getDetails().isEmpty()) {
                    latestNotBefore = Math.max(latestNotBefore, NoiseCertificate.Details.parseFrom(certificate.getDetails()).getNotBefore());
                }
            }
            return Clock.fixed(Instant.ofEpochSecond(latestNotBefore), ZoneOffset.UTC);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(FILE + ": recorded cert chain does not decode", e);
        }
    }
}
