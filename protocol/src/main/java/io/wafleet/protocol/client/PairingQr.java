package io.wafleet.protocol.client;

import java.util.Base64;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The text of the pairing QR code: {@code ref,noiseKey,identityKey,advSecret,platformId} behind the
 * {@code https://wa.me/settings/linked_devices#} link, keys in standard base64. The client builds it
 * from each {@code <ref>} the server offers; the (simulated) phone parses it when it "scans".
 *
 * <p>Whoever scans a QR links a device to the account, so its text is a secret: never log it.
 */
public final class PairingQr {

    /** What Baileys 7 puts in front of the comma-separated fields, so a phone camera opens WhatsApp. */
    public static final String LINK_PREFIX = "https://wa.me/settings/linked_devices#";

    /** The largest byte payload any QR code (version 40, lowest error correction) can carry. */
    static final int MAX_LENGTH = 2953;

    private static final int KEY_LENGTH = 32;
    private static final Pattern PLATFORM_ID = Pattern.compile("[0-9]{1,9}");

    private PairingQr() {}

    /**
     * The QR text Baileys shows for one ref.
     *
     * @param advSecretBase64 the adv secret as stored in the credentials (base64 of 32 bytes), inserted verbatim
     */
    public static String build(String ref, byte[] noisePublic, byte[] identityPublic, String advSecretBase64, Browser browser) {
        checkRef(ref);
        checkKey(noisePublic, "noise public key");
        checkKey(identityPublic, "identity public key");
        checkKey(decode(advSecretBase64, "adv secret"), "adv secret");
        Objects.requireNonNull(browser, "browser");
        Base64.Encoder base64 = Base64.getEncoder();
        return LINK_PREFIX + String.join(",",
                ref,
                base64.encodeToString(noisePublic),
                base64.encodeToString(identityPublic),
                advSecretBase64,
                Integer.toString(browser.companionPlatformId()));
    }

    /**
     * Reads a scanned QR text, with or without the link prefix. whatsmeow omits the platform id, so
     * four fields are accepted as well as five.
     */
    public static PairingQrData parse(String qr) {
        Objects.requireNonNull(qr, "qr");
        if (qr.length() > MAX_LENGTH) {
            throw new ClientFormatException("pairing QR text is " + qr.length() + " characters, more than a QR code can hold");
        }
        String body = qr.startsWith(LINK_PREFIX) ? qr.substring(LINK_PREFIX.length()) : qr;
        String[] fields = body.split(",", -1);
        if (fields.length != 4 && fields.length != 5) {
            throw new ClientFormatException("pairing QR must have the fields ref,noiseKey,identityKey,advSecret[,platformId]; found "
                    + fields.length + " field(s)");
        }
        checkRef(fields[0]);
        return new PairingQrData(
                fields[0],
                checkKey(decode(fields[1], "noise public key"), "noise public key"),
                checkKey(decode(fields[2], "identity public key"), "identity public key"),
                checkKey(decode(fields[3], "adv secret"), "adv secret"),
                fields.length == 5 ? OptionalInt.of(platformId(fields[4])) : OptionalInt.empty());
    }

    private static void checkRef(String ref) {
        Objects.requireNonNull(ref, "ref");
        if (ref.isEmpty() || ref.indexOf(',') >= 0) {
            throw new ClientFormatException("pairing ref must be non-empty and contain no comma");
        }
    }

    private static byte[] decode(String base64, String what) {
        Objects.requireNonNull(base64, what);
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            // The decoder's message may quote the input; this input is secret, so it is not chained.
            throw new ClientFormatException(what + " in pairing QR is not valid base64");
        }
    }

    private static byte[] checkKey(byte[] key, String what) {
        Objects.requireNonNull(key, what);
        if (key.length != KEY_LENGTH) {
            throw new ClientFormatException(what + " must be " + KEY_LENGTH + " bytes, got " + key.length);
        }
        return key;
    }

    private static int platformId(String field) {
        if (!PLATFORM_ID.matcher(field).matches()) {
            throw new ClientFormatException("platform id in pairing QR must be a decimal number, got \"" + field + "\"");
        }
        return Integer.parseInt(field);
    }
}
