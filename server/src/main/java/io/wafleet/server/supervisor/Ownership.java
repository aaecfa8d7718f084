package io.wafleet.server.supervisor;

import io.wafleet.server.registry.AccountId;

/**
 * Whether this process may run an account. On the volume alone it owns every slot ({@link #SOLE}); with Firestore
 * leases only the accounts whose lease it holds, so one account never has two live sockets across processes.
 */
public interface Ownership {

    /** Checked before every connection attempt: without ownership the account waits, stopped. */
    boolean mayConnect(AccountId account);

    /**
     * Asked on a 440 (stream replaced), before anything else: true when another process legitimately holds the
     * account now, so the replacement is a hand-over to stop quietly, not a conflict to alert on.
     */
    boolean heldElsewhere(AccountId account);

    /** One process, one volume: every slot is ours and a 440 is always a conflict. */
    Ownership SOLE = new Ownership() {
        @Override
        public boolean mayConnect(AccountId account) {
            return true;
        }

        @Override
        public boolean heldElsewhere(AccountId account) {
            return false;
        }
    };
}
