package io.wafleet.server.firestore;

/** Firestore did not answer in time or refused the call; the fleet carries on from the volume and retries later. */
public final class FirestoreUnavailableException extends BackupException {

    public FirestoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
