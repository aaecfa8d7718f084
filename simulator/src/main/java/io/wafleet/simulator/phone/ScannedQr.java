package io.wafleet.simulator.phone;

import java.util.Base64;

/**
 * A pairing QR string as the phone's camera reads it: {@code ref,noiseKey,identityKey,advSecret[,platform]},
 * optionally behind Baileys' {@code https://wa.me/settings/linked_devices#} link (protocol.md §5.2). The phone
 * parses it on its own rather than with the client's builder, so a client bug in the QR cannot be hidden by
 * the same bug on this side.
 */
record ScannedQr(String ref, byte[] noiseKey, byte[] identityKey, byte[] advSecret) {
    /** A QR code holds at most 2953 bytes; anything longer cannot have come from a camera. */
    private static final int MAX_LENGTH = 2953;

    static ScannedQr parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new PairingException("QR string is longer than any QR code can hold");
        }
        String fields = text.contains("#") ? text.substring(text.indexOf('#') + 1) : text;
        String[] parts = fields.split(",", -1);
        if (parts.length < 4 || parts.length > 5 || parts[0].isEmpty()) {
            throw new PairingException("QR string must be ref,noiseKey,identityKey,advSecret[,platform]");
        }
        return new ScannedQr(parts[0], key(parts[1], "noise key"), key(parts[2], "identity key"), key(parts[3], "adv secret"));
    }

    private static byte[] key(String base64, String what) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new PairingException("QR " + what + " is not base64");
        }
        if (bytes.length != 32) {
            throw new PairingException("QR " + what + " must be 32 bytes, got " + bytes.length);
        }
        return bytes;
    }

    /** The adv secret authenticates the pairing: never printed. */
    @Override
    public String toString() {
        return "ScannedQr[ref=" + ref.substring(0, Math.min(6, ref.length())) + "…]";
    }
}
