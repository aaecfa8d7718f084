package io.wafleet.server.api;

/** A display name is 1 to 80 characters of printable text; it is shown on the dashboard and nowhere risky. */
final class DisplayNameRules {

    static final int MAX_LENGTH = 80;

    private DisplayNameRules() {
    }

    static String validate(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidRequestException("name is required (1 to " + MAX_LENGTH + " characters)");
        }
        String stripped = name.strip();
        if (stripped.codePointCount(0, stripped.length()) > MAX_LENGTH) {
            throw new InvalidRequestException("name is longer than " + MAX_LENGTH + " characters");
        }
        if (stripped.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("name contains control characters");
        }
        return stripped;
    }
}
