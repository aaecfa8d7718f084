package io.wafleet.protocol.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.wafleet.protocol.testing.Vectors;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every recorded ServerHello that a correct client must refuse, including the two Baileys rc14 accepts because
 * its signature check never fails. Each must fail on the check its recorded reason names.
 */
class NegativeServerHelloTest {

    @TestFactory
    Stream<DynamicTest> everyNegativeServerHelloIsRejectedForItsReason() {
        List<JsonNode> cases = NoiseVectors.list(NoiseVectors.file().get("negativeServerHellos"));
        Vectors.report(NoiseVectors.FILE, "negativeServerHellos", cases.size());
        return cases.stream().map(c -> DynamicTest.dynamicTest(
                c.get("name").asText() + " (baileys: " + c.get("baileysResult").asText() + ")", () -> assertRejected(c)));
    }

    private static void assertRejected(JsonNode c) {
        assertThat(c.get("expected").asText()).isEqualTo("reject");
        byte[] certChain = NoiseVectors.hex(c, "certChainHex");
        ClientHandshake client = ClientHandshake.start(
                NoiseVectors.keyPair(c.get("clientStatic")),
                NoiseVectors.keyPair(c.get("clientEphemeral")),
                TrustedRoot.explicit(NoiseVectors.hex(c, "trustedRootPublicHex")),
                NoiseVectors.clockInside(certChain));
        assertThat(FrameEncoder.client(IntroHeader.plain()).encode(client.clientHello()))
                .as("the recorded ClientHello comes from the same keys")
                .isEqualTo(NoiseVectors.hex(c, "clientHelloFrameHex"));
        List<byte[]> frames = FrameReader.forClient().feed(NoiseVectors.hex(c, "serverHelloFrameHex"));
        assertThat(frames).hasSize(1);

        NoiseHandshakeException rejection =
                catchThrowableOfType(NoiseHandshakeException.class, () -> client.readServerHello(frames.getFirst()));

        assertThat(rejection).as("ServerHello must be rejected").isNotNull();
        Set<CertificateCheck> expected = EnumSet.noneOf(CertificateCheck.class);
        c.get("reasons").forEach(reason -> expected.add(checkNamedBy(reason.asText())));
        assertThat(rejection.failedCheck()).as(rejection.getMessage()).hasValueSatisfying(check -> assertThat(expected).contains(check));
        assertThat(rejection.getMessage()).contains(rejection.failedCheck().orElseThrow().description());
    }

    /** Maps the generator's prose reason onto our check; an unknown reason fails loudly rather than passing. */
    private static CertificateCheck checkNamedBy(String reason) {
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.contains("intermediate signature")) {
            return CertificateCheck.INTERMEDIATE_SIGNED_BY_ROOT;
        }
        if (r.contains("leaf signature")) {
            return CertificateCheck.LEAF_SIGNED_BY_INTERMEDIATE;
        }
        if (r.contains("intermediate issuerserial")) {
            return CertificateCheck.INTERMEDIATE_ISSUER_IS_ROOT;
        }
        if (r.contains("leaf issuerserial")) {
            return CertificateCheck.LEAF_ISSUER_IS_INTERMEDIATE;
        }
        if (r.contains("leaf") && r.contains("missing")) {
            return CertificateCheck.LEAF_PRESENT;
        }
        if (r.contains("intermediate") && r.contains("missing")) {
            return CertificateCheck.INTERMEDIATE_PRESENT;
        }
        if (r.contains("leaf key") || r.contains("static")) {
            return CertificateCheck.LEAF_KEY_IS_SERVER_STATIC;
        }
        if (r.contains("expired") || r.contains("not yet valid") || r.contains("notafter") || r.contains("notbefore")) {
            return r.contains("leaf") ? CertificateCheck.LEAF_VALID_NOW : CertificateCheck.INTERMEDIATE_VALID_NOW;
        }
        throw new AssertionError("no CertificateCheck corresponds to the recorded reason: " + reason);
    }
}
