package io.wafleet.server.ops;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks phone numbers and JID user parts in free text: {@code +40712345612} becomes {@code +40 7** *** *12},
 * {@code 40712345612:3@s.whatsapp.net} becomes {@code 407******12:3@s.whatsapp.net}. The one masking rule of
 * the server: the log encoder and the API both use it.
 *
 * <p>What counts as a number: a {@code +} followed by 8 to 15 digits (spaces and dashes allowed between them),
 * the user part of a JID, and any bare run of 11 to 15 digits. A stray counter that long gets masked too; that
 * costs nothing, while a leaked number cannot be taken back.
 */
public final class PhoneMasking {

    private static final Pattern JID = Pattern.compile(
            "(?<![\\w.+-])(\\d{5,20})((?::\\d{1,3})?@(?:s\\.whatsapp\\.net|c\\.us|lid|g\\.us|broadcast))");
    private static final Pattern PLUS_NUMBER = Pattern.compile("(?<![\\w+])\\+(\\d(?:[ -]?\\d){7,14})(?![\\d])");
    private static final Pattern BARE_NUMBER = Pattern.compile("(?<![\\w.+*-])(\\d{11,15})(?![\\w*])");

    private PhoneMasking() {
    }

    /** {@code text} with every phone number and JID user part masked; text without any is returned as is. */
    public static String maskAll(String text) {
        if (text == null || !hasEnoughDigits(text)) {
            return text;
        }
        String masked = replace(JID, text, m -> maskDigits(m.group(1)) + m.group(2));
        masked = replace(PLUS_NUMBER, masked, m -> maskPhone(m.group(1).replaceAll("[ -]", "")));
        return replace(BARE_NUMBER, masked, m -> maskPhone(m.group(1)));
    }

    /** The masked phone number of a user JID ({@code 40712345612:3@s.whatsapp.net}), if it is one. */
    public static Optional<String> phoneOfJid(String jid) {
        Matcher m = Pattern.compile("(\\d{5,20})(?::\\d{1,3})?@(?:s\\.whatsapp\\.net|c\\.us)").matcher(jid);
        return m.matches() ? Optional.of(maskPhone(m.group(1))) : Optional.empty();
    }

    /** {@code 40712345612} as {@code +40 7** *** *12}: country prefix, first digit and last two stay readable. */
    public static String maskPhone(String digits) {
        if (digits.length() < 6) {
            return "+" + "*".repeat(digits.length());
        }
        String country = digits.substring(0, 2);
        String rest = digits.charAt(2) + "*".repeat(digits.length() - 5) + digits.substring(digits.length() - 2);
        StringBuilder out = new StringBuilder("+").append(country);
        for (int i = 0; i < rest.length(); i += 3) {
            out.append(' ').append(rest, i, Math.min(rest.length(), i + 3));
        }
        return out.toString();
    }

    /** A JID user part keeps its shape (no spaces) and shows only the first three and last two digits. */
    private static String maskDigits(String digits) {
        if (digits.length() < 7) {
            return "*".repeat(digits.length());
        }
        return digits.substring(0, 3) + "*".repeat(digits.length() - 5) + digits.substring(digits.length() - 2);
    }

    /** Most log lines hold too few digits to contain a number at all: skip the regular expressions for them. */
    private static boolean hasEnoughDigits(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i)) && ++digits >= 5) {
                return true;
            }
        }
        return false;
    }

    private static String replace(Pattern pattern, String text, Function<MatchResult, String> replacement) {
        return pattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(replacement.apply(m)));
    }
}
