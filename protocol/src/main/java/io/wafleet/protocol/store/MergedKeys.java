package io.wafleet.protocol.store;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * The snapshot's keys with the journal's changes laid over them, in key order: what the next snapshot holds.
 * Streams both sides, so memory stays at one record each.
 */
final class MergedKeys implements KeySource {
    private final KeySource base;
    private final Iterator<Map.Entry<StoreKey, Journal.Entry>> changes;
    private final Journal journal;
    private Optional<KeyRecord> baseHead;
    private Optional<Map.Entry<StoreKey, Journal.Entry>> changeHead;

    MergedKeys(KeySource base, NavigableMap<StoreKey, Journal.Entry> changes, Journal journal) throws IOException {
        this.base = base;
        this.changes = changes.entrySet().iterator();
        this.journal = journal;
        this.baseHead = base.next();
        this.changeHead = advanceChanges();
    }

    @Override
    public Optional<KeyRecord> next() throws IOException {
        while (baseHead.isPresent() || changeHead.isPresent()) {
            int order = baseHead.isEmpty() ? 1
                    : changeHead.isEmpty() ? -1
                    : baseHead.get().key().compareTo(changeHead.get().getKey());
            if (order < 0) {
                Optional<KeyRecord> unchanged = baseHead;
                baseHead = base.next();
                return unchanged;
            }
            if (order == 0) {
                baseHead = base.next();
            }
            Map.Entry<StoreKey, Journal.Entry> change = changeHead.get();
            changeHead = advanceChanges();
            if (change.getValue() instanceof Journal.Entry.Value value) {
                return Optional.of(new KeyRecord(change.getKey(), journal.read(change.getKey(), value)));
            }
        }
        return Optional.empty();
    }

    private Optional<Map.Entry<StoreKey, Journal.Entry>> advanceChanges() {
        return changes.hasNext() ? Optional.of(changes.next()) : Optional.empty();
    }
}
