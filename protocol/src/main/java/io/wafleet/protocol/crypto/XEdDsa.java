package io.wafleet.protocol.crypto;

/** Curve25519 signatures as libsignal / curve25519-js make them (64 bytes: R ‖ s, Edwards sign bit in byte 63). */
public final class XEdDsa {
    private XEdDsa() {}

    /** Deterministic signature (nonce = SHA-512(clamped private scalar ‖ message) mod L), as curve25519-js signs. */
    public static byte[] sign(byte[] privateKey, byte[] message) {
        throw new UnsupportedOperationException("crypto helper fills this in");
    }

    /** True only for a valid signature; public key may be 32 bytes or 33 with the 0x05 prefix. Never throws on bad input. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        throw new UnsupportedOperationException("crypto helper fills this in");
    }
}
