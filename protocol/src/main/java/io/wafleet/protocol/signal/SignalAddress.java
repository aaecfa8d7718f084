package io.wafleet.protocol.signal;

import java.util.Objects;

/**
 * Whom a Signal session is with: a name and a device id, written {@code <name>.<device>} as libsignal does.
 * For a phone-number JID the name is the user ({@code 15551234567.0}); for other domains it carries the domain
 * type ({@code <user>_1.<device>} for {@code @lid}). Baileys names its session files after this string, so it
 * is also the key a migrated session is stored under ({@link #encoded()}).
 */
public record SignalAddress(String name, int deviceId) {
    /** The domain type WhatsApp gives {@code @lid} users. */
    public static final int LID_DOMAIN_TYPE = 1;

    public SignalAddress {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.indexOf('.') >= 0) {
            throw new IllegalArgumentException("a Signal address name is non-empty and has no '.'");
        }
        if (deviceId < 0) {
            throw new IllegalArgumentException("device id must not be negative: " + deviceId);
        }
    }

    /** The address of a phone-number ({@code s.whatsapp.net}) user's device. */
    public static SignalAddress phoneNumber(String user, int deviceId) {
        return new SignalAddress(user, deviceId);
    }

    /** The address of a user in another domain, e.g. {@link #LID_DOMAIN_TYPE}. */
    public static SignalAddress inDomain(String user, int domainType, int deviceId) {
        return new SignalAddress(user + "_" + domainType, deviceId);
    }

    /** Parses {@code <name>.<device>}. */
    public static SignalAddress parse(String text) {
        int dot = text.lastIndexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            throw new IllegalArgumentException("not a Signal address (<name>.<device>): " + text);
        }
        String device = text.substring(dot + 1);
        if (device.length() > 9 || !device.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a Signal device id: " + device);
        }
        return new SignalAddress(text.substring(0, dot), Integer.parseInt(device));
    }

    /** The canonical {@code <name>.<device>} form: the store key and libsignal's address string. */
    public String encoded() {
        return name + "." + deviceId;
    }

    /** Masks the middle of the name: it is usually a phone number, which stays out of logs. */
    @Override
    public String toString() {
        int keep = Math.min(3, name.length() / 3);
        return name.substring(0, keep) + "***" + name.substring(name.length() - keep) + "." + deviceId;
    }
}
