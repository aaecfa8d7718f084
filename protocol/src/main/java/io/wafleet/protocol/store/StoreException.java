package io.wafleet.protocol.store;

/**
 * The auth store could not do what was asked. A plain {@code StoreException} is an I/O failure or a store that
 * must be reopened; the subclasses name the cases an operator handles differently.
 */
public sealed class StoreException extends RuntimeException
        permits CorruptStoreException, StoreLockedException, ForeignDirectoryException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
