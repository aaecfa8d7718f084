package io.wafleet.protocol.jid;

import java.util.OptionalInt;

/**
 * The agent ({@code _N}) or device ({@code :N}) part of a JID as WhatsApp Web clients read it. The reference
 * client turns these parts into JavaScript numbers, so a part is absent, a number, or present but not a number
 * (NaN). The three states matter on the wire: a device part that is not a number still makes the binary
 * encoder write an AD_JID, with device byte 0.
 */
public sealed interface JidNumber {
    Absent ABSENT = new Absent();
    NotANumber NOT_A_NUMBER = new NotANumber();

    static JidNumber of(int value) {
        return new Value(value);
    }

    /** No {@code _} or {@code :} part, or an empty one. */
    record Absent() implements JidNumber {}

    record Value(int value) implements JidNumber {}

    /** The part is there but has no number (JavaScript NaN). */
    record NotANumber() implements JidNumber {}

    default boolean isPresent() {
        return !(this instanceof Absent);
    }

    default OptionalInt asInt() {
        return this instanceof Value(int value) ? OptionalInt.of(value) : OptionalInt.empty();
    }

    /** The number, or 0 when absent or not a number; also what the JID string form treats as "leave out". */
    default int orZero() {
        return this instanceof Value(int value) ? value : 0;
    }

    /**
     * A device part is read as a whole number ({@code +text} in JavaScript): {@code "007"} is 7, {@code "abc"} is
     * NaN. Only plain decimal digits that fit an int count as a number here; JavaScript's rarer numeric forms
     * (whitespace, signs, hex, exponents) are treated as not a number.
     */
    static JidNumber parseDevice(String text) {
        if (text.isEmpty()) {
            return ABSENT;
        }
        int digits = leadingDigits(text);
        return digits == text.length() ? parseDigits(text, digits) : NOT_A_NUMBER;
    }

    /**
     * An agent part is read with JavaScript's {@code parseInt}: the leading decimal digits count and the rest is
     * ignored ({@code "1x"} is 1), no leading digits is NaN.
     */
    static JidNumber parseAgent(String text) {
        if (text.isEmpty()) {
            return ABSENT;
        }
        int digits = leadingDigits(text);
        return digits == 0 ? NOT_A_NUMBER : parseDigits(text, digits);
    }

    private static int leadingDigits(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static JidNumber parseDigits(String text, int digits) {
        long value = 0;
        for (int i = 0; i < digits; i++) {
            value = value * 10 + (text.charAt(i) - '0');
            if (value > Integer.MAX_VALUE) {
                return NOT_A_NUMBER;
            }
        }
        return of((int) value);
    }
}
