package io.wafleet.protocol.store;

import java.util.Comparator;
import java.util.Objects;

/**
 * The address of one key record: its category and its id within the category (a pre-key number, a Signal
 * address, a group id...). Ordered by category code, then id, which is the order records have in a snapshot.
 */
public record StoreKey(KeyCategory category, String id) implements Comparable<StoreKey> {
    /** Ids are short names, not payloads; the cap keeps a corrupt frame from posing as a key. */
    public static final int MAX_ID_LENGTH = 1024;

    private static final Comparator<StoreKey> ORDER =
            Comparator.comparingInt((StoreKey key) -> key.category.code()).thenComparing(StoreKey::id);

    public StoreKey {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(id, "id");
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("key id must be 1.." + MAX_ID_LENGTH + " characters, got " + id.length());
        }
    }

    @Override
    public int compareTo(StoreKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return category.label() + "/" + id;
    }
}
