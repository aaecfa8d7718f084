package io.wafleet.protocol.store;

/**
 * A store file is damaged or was written by a newer format version. The store never deletes or rewrites such a
 * file: the account stays as it is on disk until an operator looks at it.
 */
public final class CorruptStoreException extends StoreException {
    public CorruptStoreException(String message) {
        super(message);
    }

    public CorruptStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
