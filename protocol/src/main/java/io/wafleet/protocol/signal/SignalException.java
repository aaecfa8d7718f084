package io.wafleet.protocol.signal;

/**
 * A Signal operation that was refused. Nothing is stored when one is thrown: the session record, the one-time
 * pre-keys and the peer identities are exactly as before the call. {@link #reason()} lets a caller decide
 * between acknowledging (a duplicate), asking the peer for a retry, or dropping the message.
 */
public final class SignalException extends RuntimeException {
    /** Why the operation was refused. */
    public enum Reason {
        /** Not a well-formed Signal message, bundle or record. */
        MALFORMED,
        /** A message version other than 3. */
        UNSUPPORTED_VERSION,
        /** No session with the peer (encrypt, or a msg that is not a pkmsg). */
        NO_SESSION,
        /** The message authentication code does not verify under any session of the record. */
        BAD_MAC,
        /** The message key was used already: the message was decrypted before. */
        DUPLICATE,
        /** The message lies further ahead in its chain than we derive keys for, or on a chain we closed. */
        OUT_OF_WINDOW,
        /** A pkmsg names a one-time pre-key we do not have (consumed, or never ours). */
        UNKNOWN_PRE_KEY,
        /** A pkmsg names a signed pre-key id we do not have. */
        UNKNOWN_SIGNED_PRE_KEY,
        /** A bundle whose signed pre-key is not signed by its identity key. */
        INVALID_SIGNATURE
    }

    private final Reason reason;

    public SignalException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SignalException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
