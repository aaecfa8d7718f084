package io.wafleet.protocol.migration;

import java.util.Objects;

/**
 * An account that cannot be adopted, with the reason an operator reads on the dashboard. Nothing was written to
 * the target when this is thrown, and nothing is ever written to the source.
 */
public final class ImportException extends RuntimeException {
    /** Why an account was refused; stable names for logs, metrics and the dashboard. */
    public enum Reason {
        /** The source is not a directory, or it cannot be listed or read. */
        UNREADABLE_SOURCE,
        /** No {@code creds.json}: not a Baileys account. */
        NO_CREDENTIALS,
        /** {@code creds.json} is truncated, garbled or misses a key: Baileys itself would start a new pairing. */
        BAD_CREDENTIALS,
        /** The credentials were made but never linked to a phone: there is no session to adopt. */
        NOT_PAIRED,
        /** More files or bytes than an account plausibly holds. */
        TOO_LARGE,
        /** The target already holds an account that this source was not imported into. */
        TARGET_NOT_EMPTY,
        /** The source changed after it was imported (the old service ran again): never merged silently. */
        SOURCE_CHANGED
    }

    private final Reason reason;

    public ImportException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public ImportException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
