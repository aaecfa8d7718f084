package io.wafleet.protocol.store;

/** The account directory holds files that are not ours (a Baileys session, say); it is left untouched. */
public final class ForeignDirectoryException extends StoreException {
    public ForeignDirectoryException(String message) {
        super(message);
    }
}
