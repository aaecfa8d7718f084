package io.wafleet.server.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * The bearer token that guards the API. Compared in constant time; never printed by {@link #toString()}.
 * {@code generated} marks a demo-mode token made at start, which is shown once so a newcomer can log in.
 */
public final class AdminToken {

    static final int MIN_LENGTH = 16;

    private final byte[] value;
    private final boolean generated;

    private AdminToken(String value, boolean generated) {
        this.value = Objects.requireNonNull(value, "value").getBytes(StandardCharsets.UTF_8);
        this.generated = generated;
    }

    public static AdminToken of(String value) {
        return new AdminToken(value, false);
    }

    public static AdminToken generate(SecureRandom random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return new AdminToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), true);
    }

    /** Whether {@code candidate} is this token; the time taken does not depend on where they differ. */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(value, candidate.getBytes(StandardCharsets.UTF_8));
    }

    public boolean generated() {
        return generated;
    }

    /** The token itself, for the one start line that shows a generated demo token. */
    public String reveal() {
        return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "AdminToken[" + (generated ? "generated" : "configured") + "]";
    }
}
