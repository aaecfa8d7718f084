package io.wafleet.server.firestore;

/**
 * Names of the collections wa-fleet uses. It writes only to its own (prefixed) ones; the old service's
 * {@code accounts} collection is read for names and phones and never written: it stays its rollback path.
 */
public record CollectionNames(String prefix) {

    static final String LEGACY_ACCOUNTS = "accounts";

    public String accounts() {
        return prefix + "accounts";
    }

    public String sessions() {
        return prefix + "sessions";
    }

    public String leases() {
        return prefix + "leases";
    }

    /** One heartbeat document per running process, so each can compute its fair share. */
    public String processes() {
        return prefix + "processes";
    }
}
