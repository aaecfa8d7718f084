package io.wafleet.server.registry;

/** An account id that is not {@code WA-\d{2}} or {@code [A-Za-z0-9_-]{1,64}}; it never reaches the filesystem. */
public final class InvalidAccountIdException extends IllegalArgumentException {

    public InvalidAccountIdException(String rejected) {
        super("invalid account id " + describe(rejected)
                + ": expected WA-NN or 1-64 characters of A-Z a-z 0-9 _ -");
    }

    /** Quotes a short, printable id; a long or odd one is summarised so the message itself stays harmless. */
    private static String describe(String rejected) {
        if (rejected == null) {
            return "(none)";
        }
        boolean printable = rejected.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        return printable && rejected.length() <= 80
                ? "'" + rejected + "'"
                : "(" + rejected.length() + " characters, not shown)";
    }
}
