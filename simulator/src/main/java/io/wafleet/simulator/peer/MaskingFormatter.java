package io.wafleet.simulator.peer;

import io.wafleet.simulator.device.MaskedNumber;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Formats log records for stderr with every phone number masked. The client library logs signal addresses and
 * JIDs ({@code 15550001234.0}, {@code 15550001234@s.whatsapp.net}) in its warnings; a conformance log is shared
 * in CI, so any run of seven or more digits is treated as a number and keeps only its first and last two.
 * Message ids and keys are hex or base64 and lose nothing a reader needs when one of their digit runs is masked.
 */
final class MaskingFormatter extends Formatter {
    private static final Pattern DIGIT_RUN = Pattern.compile("(\\+?)(\\d{7,})");

    private final Formatter delegate = new SimpleFormatter();

    @Override
    public String format(LogRecord logRecord) {
        return mask(delegate.format(logRecord));
    }

    static String mask(String text) {
        Matcher matcher = DIGIT_RUN.matcher(text);
        // MaskedNumber writes a leading '+'; keep it only where the text had one.
        return matcher.replaceAll(match -> Matcher.quoteReplacement(
                match.group(1) + MaskedNumber.of(match.group(2)).substring(1)));
    }
}
