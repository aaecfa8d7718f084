package io.wafleet.protocol.store;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A validated account id, safe to use as a directory name: a slot such as {@code WA-07}, or 1 to 64 characters
 * of {@code A-Z a-z 0-9 _ -}. No dot, slash or separator can get through, so an id never leaves the sessions
 * directory.
 */
public record AccountId(String value) {
    private static final Pattern SLOT = Pattern.compile("WA-\\d{2}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public AccountId {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("invalid account id (expected WA-NN or 1-64 of A-Z a-z 0-9 _ -): "
                    + printable(value));
        }
    }

    public static boolean isValid(String candidate) {
        return SLOT.matcher(candidate).matches() || NAME.matcher(candidate).matches();
    }

    /** True for the fleet's numbered slots ({@code WA-01}..). */
    public boolean isSlot() {
        return SLOT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }

    /** An invalid id may be anything (a path, a number): show a bounded, escaped form. */
    private static String printable(String value) {
        String head = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return '"' + head.replaceAll("[^\\x20-\\x7e]", "?") + '"';
    }
}
