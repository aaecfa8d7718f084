package io.wafleet.server.supervisor;

import io.wafleet.server.registry.AccountId;

/**
 * Moves an account's dead credentials aside (never deletes them), so the slot can be linked afresh while the
 * old state stays available for a post-mortem.
 */
@FunctionalInterface
public interface CredentialsArchive {
    void archive(AccountId account);
}
