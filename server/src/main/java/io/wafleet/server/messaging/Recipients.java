package io.wafleet.server.messaging;

import java.util.regex.Pattern;

/**
 * Turns what an API caller wrote in {@code to} into a user JID, or refuses it. Accepted: an international
 * phone number ({@code +40 712 345 612}, {@code 0040712345612} is not: the country code must be explicit), a
 * phone-number JID ({@code 40712345612@s.whatsapp.net}, {@code @c.us} too) or a LID ({@code 1234@lid}). Groups,
 * broadcasts and device-specific JIDs are refused: only 1:1 chats are supported.
 */
final class Recipients {

    private static final Pattern PHONE = Pattern.compile("\\+?[1-9]\\d{6,14}");
    private static final Pattern PHONE_JID = Pattern.compile("([1-9]\\d{6,14})@(?:s\\.whatsapp\\.net|c\\.us)");
    private static final Pattern LID_JID = Pattern.compile("(\\d{1,20})@lid");
    /** Separators people write inside numbers; compiled once (String.replaceAll would compile it per call). */
    private static final Pattern SEPARATORS = Pattern.compile("[ ()\\-.]");

    private Recipients() {
    }

    static String toJid(String to) {
        if (to == null || to.isBlank()) {
            throw new InvalidMessageException("'to' is required: a phone number with country code or a user JID");
        }
        String trimmed = to.strip();
        String compact = SEPARATORS.matcher(trimmed).replaceAll("");
        if (PHONE.matcher(compact).matches() && !trimmed.contains("@")) {
            return compact.replace("+", "") + "@s.whatsapp.net";
        }
        var phoneJid = PHONE_JID.matcher(trimmed);
        if (phoneJid.matches()) {
            return phoneJid.group(1) + "@s.whatsapp.net";
        }
        if (LID_JID.matcher(trimmed).matches()) {
            return trimmed;
        }
        throw new InvalidMessageException("'to' must be a phone number with country code (7 to 15 digits) "
                + "or a user JID (<number>@s.whatsapp.net or <lid>@lid); groups are not supported");
    }
}
