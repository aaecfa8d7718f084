package io.wafleet.protocol.store;

/** A key and its record bytes as they move between files during compaction (internal, never shown). */
record KeyRecord(StoreKey key, byte[] value) {}
