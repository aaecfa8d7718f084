package io.wafleet.protocol.store;

import java.io.IOException;
import java.util.Optional;

/** Key records in ascending key order, read one at a time so a compaction never holds them all. */
interface KeySource {
    /** The next record, or empty when there are no more. */
    Optional<KeyRecord> next() throws IOException;
}
