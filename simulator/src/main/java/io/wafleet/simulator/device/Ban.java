package io.wafleet.simulator.device;

import java.time.Instant;
import java.util.Optional;

/**
 * A ban on one device. A temporary ban (reason 402) carries an expiry and a WhatsApp ban code (101 = sent
 * to too many people who do not have you in their contacts, 102 = blocked by too many users, ...); a
 * permanent ban is what WhatsApp Web calls BANNED (reason 406). Shapes as whatsmeow reads them.
 */
public record Ban(Optional<Instant> expiresAt, int code) {
    public static final int TEMPORARY_REASON = 402;
    public static final int PERMANENT_REASON = 406;
    /** "You sent too many messages to people who don't have you in their address books". */
    public static final int DEFAULT_TEMPORARY_CODE = 101;

    public static Ban temporary(Instant expiresAt) {
        return new Ban(Optional.of(expiresAt), DEFAULT_TEMPORARY_CODE);
    }

    public static Ban permanent() {
        return new Ban(Optional.empty(), 0);
    }

    public boolean isPermanent() {
        return expiresAt.isEmpty();
    }

    public boolean isActive(Instant now) {
        return expiresAt.map(now::isBefore).orElse(true);
    }

    /** Whole seconds left, rounded up, as the {@code expire} attribute carries it. */
    public long secondsLeft(Instant now) {
        return expiresAt.map(end -> Math.max(0, (end.toEpochMilli() - now.toEpochMilli() + 999) / 1000)).orElse(0L);
    }
}
