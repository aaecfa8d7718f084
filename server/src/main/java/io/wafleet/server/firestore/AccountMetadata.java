package io.wafleet.server.firestore;

import java.util.Optional;

/**
 * What Firestore knows about one account, from wa-fleet's own document or, failing that, the old service's one.
 *
 * @param maskedPhone    the phone, already masked (raw numbers never leave {@link MetadataStore})
 * @param desiredRunning false when an operator stopped the account: it is not started at boot or on hand-over
 */
public record AccountMetadata(Optional<String> name, Optional<String> maskedPhone, boolean desiredRunning, Source source) {

    public enum Source { WA_FLEET, LEGACY }
}
