package io.wafleet.protocol.noise;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The root public key a client pins for the server's certificate chain. WhatsApp's production root is the
 * default everywhere; any other root (a simulator's) must be asked for by name with {@link #explicit}, so a test
 * key can never be trusted by accident in production.
 */
public final class TrustedRoot {
    private static final byte[] WHATSAPP_ROOT =
            HexFormat.of().parseHex("142375574d0a587166aae71ebe516437c4a28b73e3695c6ce1f7f9545da8ee6b");

    private final byte[] publicKey;
    private final boolean whatsApp;

    private TrustedRoot(byte[] publicKey, boolean whatsApp) {
        this.publicKey = publicKey;
        this.whatsApp = whatsApp;
    }

    /** WhatsApp's production root (the key whatsmeow pins as {@code WACertPubKey}). */
    public static TrustedRoot whatsApp() {
        return new TrustedRoot(WHATSAPP_ROOT.clone(), true);
    }

    /** A non-production root, e.g. the simulator's; the 32-byte Curve25519 public key. */
    public static TrustedRoot explicit(byte[] publicKey) {
        if (publicKey.length != 32) {
            throw new IllegalArgumentException("a trusted root is a 32-byte Curve25519 public key, got " + publicKey.length + " bytes");
        }
        return new TrustedRoot(publicKey.clone(), Arrays.equals(publicKey, WHATSAPP_ROOT));
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** True when this is WhatsApp's production root; callers log loudly when it is not. */
    public boolean isWhatsApp() {
        return whatsApp;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrustedRoot other && Arrays.equals(publicKey, other.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return whatsApp ? "TrustedRoot[WhatsApp production]" : "TrustedRoot[explicit " + HexFormat.of().formatHex(publicKey) + "]";
    }
}
