package io.wafleet.protocol.store;

/** Another store instance (in this process or another one on the same volume) has the account open. */
public final class StoreLockedException extends StoreException {
    public StoreLockedException(String message) {
        super(message);
    }
}
