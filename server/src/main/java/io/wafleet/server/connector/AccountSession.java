package io.wafleet.server.connector;

/** One live connection attempt of one account, owned by exactly one supervisor. */
public interface AccountSession {

    /** Closes the socket cleanly; the store is durable when this returns. Idempotent. */
    void close();

    /** Asks WhatsApp to remove this linked device (when connected), then closes like {@link #close()}. */
    void logout();
}
