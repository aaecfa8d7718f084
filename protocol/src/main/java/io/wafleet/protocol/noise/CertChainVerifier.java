package io.wafleet.protocol.noise;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wafleet.protocol.proto.CertChain;
import io.wafleet.protocol.proto.CertChain.NoiseCertificate;
import io.wafleet.protocol.proto.CertChain.NoiseCertificate.Details;
import java.time.Clock;
import java.time.Instant;

/**
 * Checks the {@code CertChain} a server sends inside its ServerHello, the way whatsmeow does (protocol.md §2.4):
 * root → intermediate → leaf, serial linkage, validity at the clock's "now", and that the leaf certifies the very
 * static key the server proved it holds during the handshake. Every failure names its {@link CertificateCheck}.
 */
public final class CertChainVerifier {
    /** The serial of the root itself, which the intermediate must name as its issuer. */
    static final long ROOT_SERIAL = 0;

    private static final int SIGNATURE_BYTES = 64;
    private static final int KEY_BYTES = 32;

    private final TrustedRoot root;
    private final Clock clock;

    public CertChainVerifier(TrustedRoot root, Clock clock) {
        this.root = root;
        this.clock = clock;
    }

    /**
     * @param certChain       the decrypted ServerHello payload
     * @param serverStaticKey the decrypted ServerHello static key
     * @throws NoiseHandshakeException naming the first check that failed
     */
    public VerifiedCertChain verify(byte[] certChain, byte[] serverStaticKey) {
        CertChain chain = parse(certChain);
        NoiseCertificate intermediate = chain.getIntermediate();
        NoiseCertificate leaf = chain.getLeaf();
        require(isComplete(intermediate), CertificateCheck.INTERMEDIATE_PRESENT, "intermediate details or signature missing");
        require(isComplete(leaf), CertificateCheck.LEAF_PRESENT, "leaf details or signature missing");
        Details intermediateDetails = details(intermediate, "intermediate");
        Details leafDetails = details(leaf, "leaf");

        require(intermediate.getSignature().size() == SIGNATURE_BYTES && leaf.getSignature().size() == SIGNATURE_BYTES,
                CertificateCheck.SIGNATURE_LENGTH,
                "intermediate " + intermediate.getSignature().size() + " B, leaf " + leaf.getSignature().size() + " B");
        require(signs(root.publicKey(), intermediate), CertificateCheck.INTERMEDIATE_SIGNED_BY_ROOT, "against " + root);
        require(intermediateDetails.getIssuerSerial() == ROOT_SERIAL, CertificateCheck.INTERMEDIATE_ISSUER_IS_ROOT,
                "issuerSerial " + intermediateDetails.getIssuerSerial());
        byte[] intermediateKey = intermediateDetails.getKey().toByteArray();
        require(intermediateKey.length == KEY_BYTES, CertificateCheck.INTERMEDIATE_KEY_LENGTH, intermediateKey.length + " bytes");
        require(signs(intermediateKey, leaf), CertificateCheck.LEAF_SIGNED_BY_INTERMEDIATE, "intermediate serial " + intermediateDetails.getSerial());
        require(leafDetails.getIssuerSerial() == intermediateDetails.getSerial(), CertificateCheck.LEAF_ISSUER_IS_INTERMEDIATE,
                "leaf issuerSerial " + leafDetails.getIssuerSerial() + ", intermediate serial " + intermediateDetails.getSerial());

        long now = clock.instant().getEpochSecond();
        require(validAt(intermediateDetails, now), CertificateCheck.INTERMEDIATE_VALID_NOW, window(intermediateDetails, now));
        require(validAt(leafDetails, now), CertificateCheck.LEAF_VALID_NOW, window(leafDetails, now));
        require(leafDetails.getKey().equals(ByteString.copyFrom(serverStaticKey)), CertificateCheck.LEAF_KEY_IS_SERVER_STATIC,
                "the server proved a different static key than its leaf certifies");

        return new VerifiedCertChain(intermediateDetails.getSerial(), leafDetails.getSerial(),
                Instant.ofEpochSecond(leafDetails.getNotBefore()), Instant.ofEpochSecond(leafDetails.getNotAfter()));
    }

    private static CertChain parse(byte[] certChain) {
        try {
            return CertChain.parseFrom(certChain);
        } catch (InvalidProtocolBufferException e) {
            throw new NoiseHandshakeException(CertificateCheck.CHAIN_WELL_FORMED, "CertChain: " + e.getMessage());
        }
    }

    private static Details details(NoiseCertificate certificate, String which) {
        try {
            return Details.parseFrom(certificate.getDetails());
        } catch (InvalidProtocolBufferException e) {
            throw new NoiseHandshakeException(CertificateCheck.CHAIN_WELL_FORMED, which + " details: " + e.getMessage());
        }
    }

    private static boolean isComplete(NoiseCertificate certificate) {
        return !certificate.getDetails().isEmpty() && !certificate.getSignature().isEmpty();
    }

    private static boolean signs(byte[] publicKey, NoiseCertificate certificate) {
        return VerifiedSignatures.verify(publicKey, certificate.getDetails(), certificate.getSignature());
    }

    /** notBefore ≤ now ≤ notAfter, with the uint64 fields compared unsigned. */
    private static boolean validAt(Details details, long now) {
        return Long.compareUnsigned(details.getNotBefore(), now) <= 0 && Long.compareUnsigned(now, details.getNotAfter()) <= 0;
    }

    private static String window(Details details, long now) {
        return "serial " + details.getSerial() + " valid " + Long.toUnsignedString(details.getNotBefore())
                + ".." + Long.toUnsignedString(details.getNotAfter()) + ", now " + now;
    }

    private static void require(boolean condition, CertificateCheck check, String detail) {
        if (!condition) {
            throw new NoiseHandshakeException(check, detail);
        }
    }
}
