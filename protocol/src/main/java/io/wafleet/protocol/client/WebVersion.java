package io.wafleet.protocol.client;

import io.wafleet.protocol.crypto.Hashes;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The WhatsApp Web version a client claims, e.g. {@code 2.3000.1043857760}. The server refuses
 * versions it considers outdated (stream error 405), so this must track what WhatsApp Web ships.
 *
 * <p>Each part is a protobuf uint32 on the wire; parts are limited to {@code int} range here, which
 * is far above any version WhatsApp has used.
 */
public record WebVersion(int primary, int secondary, int tertiary) {

    /** The version Baileys 7.0.0-rc14 was configured with when the golden vectors were made. */
    public static final WebVersion DEFAULT = new WebVersion(2, 3000, 1043857760);

    // Leading zeros are refused so that toString() gives back exactly the parsed text: the build
    // hash is an MD5 over that text, and "02.3000.1" would hash differently from "2.3000.1".
    private static final Pattern PART = Pattern.compile("0|[1-9][0-9]{0,9}");

    public WebVersion {
        if (primary < 0 || secondary < 0 || tertiary < 0) {
            throw new ClientFormatException("version parts must not be negative: " + primary + "." + secondary + "." + tertiary);
        }
    }

    /** Parses the dotted form {@code primary.secondary.tertiary}. */
    public static WebVersion parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 3) {
            throw new ClientFormatException("version must have three dot-separated parts: \"" + text + "\"");
        }
        return new WebVersion(part(parts[0], text), part(parts[1], text), part(parts[2], text));
    }

    /**
     * MD5 of the dotted version string: the {@code buildHash} a registering companion sends.
     * MD5 here is a fingerprint WhatsApp expects, not a security measure.
     */
    public byte[] buildHash() {
        return Hashes.md5(toString().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return primary + "." + secondary + "." + tertiary;
    }

    private static int part(String part, String whole) {
        if (!PART.matcher(part).matches()) {
            throw new ClientFormatException("version part \"" + part + "\" is not a plain decimal number in \"" + whole + "\"");
        }
        long value = Long.parseLong(part);
        if (value > Integer.MAX_VALUE) {
            throw new ClientFormatException("version part " + part + " is too large in \"" + whole + "\"");
        }
        return (int) value;
    }
}
