package io.wafleet.server.firestore;

/**
 * A backup could not be written or read: Firestore unreachable, a newer owner (epoch) or generation exists, the key
 * is wrong or the data is damaged. The message names the account and the case; it never holds key material.
 */
public sealed class BackupException extends RuntimeException
        permits BackupException.Fenced, BackupException.Unreadable, FirestoreUnavailableException {

    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A newer epoch or generation exists in Firestore: this process must not write this account any more. */
    public static final class Fenced extends BackupException {
        public Fenced(String message) {
            super(message);
        }
    }

    /** Wrong key, tampered or damaged data: nothing is restored and nothing is overwritten. */
    public static final class Unreadable extends BackupException {
        public Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
