package io.wafleet.server.registry;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The id of one account slot. Ids become directory names on the sessions volume, so they are validated here,
 * before anything touches the filesystem: {@code WA-01} style or a plain token of ASCII letters, digits,
 * {@code _} and {@code -} (never a path separator, a dot or a non-ASCII character).
 */
public record AccountId(String value) implements Comparable<AccountId> {

    private static final Pattern VALID = Pattern.compile("WA-\\d{2}|[A-Za-z0-9_-]{1,64}");

    public AccountId {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new InvalidAccountIdException(value);
        }
    }

    public static AccountId of(String value) {
        return new AccountId(value);
    }

    public static boolean isValid(String candidate) {
        return candidate != null && candidate.length() <= 64 && VALID.matcher(candidate).matches();
    }

    /** The slot name for a 1-based position: {@code WA-01} .. {@code WA-99}. */
    public static AccountId slot(int position) {
        if (position < 1 || position > 99) {
            throw new IllegalArgumentException("slot position out of range 1..99: " + position);
        }
        return new AccountId("WA-%02d".formatted(position));
    }

    @Override
    public int compareTo(AccountId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
