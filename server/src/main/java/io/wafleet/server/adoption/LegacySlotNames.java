package io.wafleet.server.adoption;

import io.wafleet.server.registry.AccountId;

import java.util.Optional;

/**
 * The second source of a slot for an adopted account, after {@code WA_IMPORT_MAP}: the old service's own record
 * of the account (with Firestore, the {@code accounts/{oldId}} document whose name is a slot name, read by
 * {@code FirestoreConfiguration}); without Firestore there is none ({@link #NONE}) and the chooser falls back to
 * the lowest free slot.
 */
@FunctionalInterface
public interface LegacySlotNames {

    LegacySlotNames NONE = oldId -> Optional.empty();

    /** The slot the old service's records name for {@code oldId}, if any; validated by the caller. */
    Optional<AccountId> slotOf(String oldId);
}
