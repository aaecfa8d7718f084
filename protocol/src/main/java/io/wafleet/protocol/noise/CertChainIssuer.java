package io.wafleet.protocol.noise;

import com.google.protobuf.ByteString;
import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.crypto.X25519;
import io.wafleet.protocol.crypto.XEdDsa;
import io.wafleet.protocol.proto.CertChain;
import io.wafleet.protocol.proto.CertChain.NoiseCertificate;
import io.wafleet.protocol.proto.CertChain.NoiseCertificate.Details;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Issues the {@code CertChain} a server sends in its ServerHello (protocol.md §2.4): the root signs the
 * intermediate's details {serial 1, issuerSerial 0, key I}; the intermediate signs the leaf's details
 * {serial 2, issuerSerial 1, key = server static}; both valid from an hour ago for 30 days. Signatures are
 * XEdDSA over the encoded details bytes. {@link #issueDefective} breaks exactly one property for client tests.
 */
public final class CertChainIssuer {
    static final int INTERMEDIATE_SERIAL = 1;
    static final int LEAF_SERIAL = 2;
    /** Back-dated so a client whose clock runs a little behind still accepts a freshly issued chain. */
    static final Duration BACKDATE = Duration.ofHours(1);
    static final Duration LIFETIME = Duration.ofDays(30);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair root;
    private final KeyPair intermediate;
    private final Clock clock;

    public CertChainIssuer(KeyPair root, KeyPair intermediate, Clock clock) {
        this.root = root;
        this.intermediate = intermediate;
        this.clock = clock;
    }

    /** An issuer with a new random intermediate key; only the root must be stable (clients pin it). */
    public static CertChainIssuer withFreshIntermediate(KeyPair root, Clock clock) {
        return new CertChainIssuer(root, X25519.generateKeyPair(), clock);
    }

    /** The encoded CertChain certifying {@code serverStaticKey}, valid now. */
    public byte[] issue(byte[] serverStaticKey) {
        return build(serverStaticKey, null);
    }

    /** A chain that is correct except for {@code defect}. */
    public byte[] issueDefective(byte[] serverStaticKey, CertChainDefect defect) {
        return build(serverStaticKey, defect);
    }

    private byte[] build(byte[] serverStaticKey, CertChainDefect defect) {
        Instant now = clock.instant();
        Instant notBefore = defect == CertChainDefect.EXPIRED ? now.minus(LIFETIME).minus(Duration.ofDays(1)) : now.minus(BACKDATE);
        Instant notAfter = defect == CertChainDefect.EXPIRED ? now.minus(Duration.ofDays(1)) : now.plus(LIFETIME);

        byte[] intermediateDetails = details(INTERMEDIATE_SERIAL,
                defect == CertChainDefect.INTERMEDIATE_ISSUER_NOT_ROOT ? INTERMEDIATE_SERIAL : CertChainVerifier.ROOT_SERIAL,
                intermediate.publicKey(), notBefore, notAfter);
        KeyPair intermediateSigner = defect == CertChainDefect.SIGNED_BY_UNTRUSTED_ROOT ? X25519.generateKeyPair() : root;
        NoiseCertificate intermediateCertificate = certificate(intermediateDetails,
                XEdDsa.sign(intermediateSigner.privateKey(), intermediateDetails));

        CertChain.Builder chain = CertChain.newBuilder().setIntermediate(intermediateCertificate);
        if (defect == CertChainDefect.MISSING_LEAF) {
            return chain.build().toByteArray();
        }
        byte[] leafKey = defect == CertChainDefect.LEAF_KEY_NOT_SERVER_STATIC ? X25519.generateKeyPair().publicKey() : serverStaticKey;
        long leafIssuer = defect == CertChainDefect.WRONG_LEAF_ISSUER_SERIAL ? INTERMEDIATE_SERIAL + 1 : INTERMEDIATE_SERIAL;
        byte[] leafDetails = details(LEAF_SERIAL, leafIssuer, leafKey, notBefore, notAfter);
        byte[] leafSignature = defect == CertChainDefect.GARBAGE_LEAF_SIGNATURE
                ? randomBytes(64)
                : XEdDsa.sign(intermediate.privateKey(), leafDetails);
        return chain.setLeaf(certificate(leafDetails, leafSignature)).build().toByteArray();
    }

    private static byte[] details(long serial, long issuerSerial, byte[] key, Instant notBefore, Instant notAfter) {
        return Details.newBuilder()
                .setSerial((int) serial)
                .setIssuerSerial((int) issuerSerial)
                .setKey(ByteString.copyFrom(key))
                .setNotBefore(notBefore.getEpochSecond())
                .setNotAfter(notAfter.getEpochSecond())
                .build()
                .toByteArray();
    }

    private static NoiseCertificate certificate(byte[] details, byte[] signature) {
        return NoiseCertificate.newBuilder()
                .setDetails(ByteString.copyFrom(details))
                .setSignature(ByteString.copyFrom(signature))
                .build();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Never prints private keys. */
    @Override
    public String toString() {
        return "CertChainIssuer[root=" + root + ", intermediate=" + intermediate + "]";
    }
}
