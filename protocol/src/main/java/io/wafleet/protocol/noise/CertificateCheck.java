package io.wafleet.protocol.noise;

/**
 * The checks a client makes on the server's {@code CertChain}, in the order it makes them. These are the checks
 * whatsmeow makes; Baileys rc14 skips most of them (its signature check can never fail), so a client that only
 * "works against Baileys' server" proves nothing about them.
 */
public enum CertificateCheck {
    CHAIN_WELL_FORMED("the CertChain and both Details messages decode as protobuf"),
    INTERMEDIATE_PRESENT("the intermediate certificate has details and a signature"),
    LEAF_PRESENT("the leaf certificate has details and a signature"),
    SIGNATURE_LENGTH("both signatures are 64 bytes"),
    INTERMEDIATE_SIGNED_BY_ROOT("the intermediate signature verifies with the trusted root key"),
    INTERMEDIATE_ISSUER_IS_ROOT("the intermediate issuerSerial is the root serial 0"),
    INTERMEDIATE_KEY_LENGTH("the intermediate key is 32 bytes"),
    LEAF_SIGNED_BY_INTERMEDIATE("the leaf signature verifies with the intermediate key"),
    LEAF_ISSUER_IS_INTERMEDIATE("the leaf issuerSerial equals the intermediate serial"),
    INTERMEDIATE_VALID_NOW("the intermediate is within notBefore..notAfter"),
    LEAF_VALID_NOW("the leaf is within notBefore..notAfter"),
    LEAF_KEY_IS_SERVER_STATIC("the leaf key equals the server static key from the handshake");

    private final String description;

    CertificateCheck(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
