package io.wafleet.server.adoption;

import java.util.regex.Pattern;

/**
 * Masks digit runs that can be phone numbers in text the importer produced. Its messages name source files, and
 * Baileys file names carry contacts' numbers after a dash ({@code session-40712345612.0.json}), where the log
 * encoder's bare-number rule deliberately does not look; this text also reaches the API.
 */
final class SafeText {

    private static final Pattern DIGITS = Pattern.compile("\\d{7,}");

    private SafeText() {
    }

    static String mask(String text) {
        return DIGITS.matcher(text).replaceAll(m -> {
            String digits = m.group();
            return digits.substring(0, 3) + "*".repeat(digits.length() - 5) + digits.substring(digits.length() - 2);
        });
    }
}
