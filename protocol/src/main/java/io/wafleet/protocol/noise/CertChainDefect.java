package io.wafleet.protocol.noise;

/**
 * Ways {@link CertChainIssuer} can break a chain on purpose, so the simulator can prove that a client refuses
 * each one. Several of them (the signature defects) are accepted by Baileys rc14; a correct client rejects all.
 */
public enum CertChainDefect {
    /** The intermediate is signed by a random key instead of the root. */
    SIGNED_BY_UNTRUSTED_ROOT(CertificateCheck.INTERMEDIATE_SIGNED_BY_ROOT),
    /** The intermediate (correctly signed) names issuer serial 1 instead of the root's 0. */
    INTERMEDIATE_ISSUER_NOT_ROOT(CertificateCheck.INTERMEDIATE_ISSUER_IS_ROOT),
    /** The leaf signature is 64 random bytes. */
    GARBAGE_LEAF_SIGNATURE(CertificateCheck.LEAF_SIGNED_BY_INTERMEDIATE),
    /** The leaf (correctly signed) names an issuer serial that is not the intermediate's. */
    WRONG_LEAF_ISSUER_SERIAL(CertificateCheck.LEAF_ISSUER_IS_INTERMEDIATE),
    /** Both certificates expired a day ago. */
    EXPIRED(CertificateCheck.INTERMEDIATE_VALID_NOW),
    /** The leaf certifies a random key, not the static key the server uses in the handshake. */
    LEAF_KEY_NOT_SERVER_STATIC(CertificateCheck.LEAF_KEY_IS_SERVER_STATIC),
    /** The chain has no leaf certificate at all. */
    MISSING_LEAF(CertificateCheck.LEAF_PRESENT);

    private final CertificateCheck expectedFailure;

    CertChainDefect(CertificateCheck expectedFailure) {
        this.expectedFailure = expectedFailure;
    }

    /** The check a correct client fails the chain on. */
    public CertificateCheck expectedFailure() {
        return expectedFailure;
    }
}
