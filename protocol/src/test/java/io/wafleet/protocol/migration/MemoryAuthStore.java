package io.wafleet.protocol.migration;

import io.wafleet.protocol.store.AuthState;
import io.wafleet.protocol.store.AuthStore;
import io.wafleet.protocol.store.KeyCategory;
import io.wafleet.protocol.store.KeyMutation;
import io.wafleet.protocol.store.StateChange;
import io.wafleet.protocol.store.StoreKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** An AuthStore in memory for the import tests: same contract, no files (the fuzz test imports thousands of times). */
final class MemoryAuthStore implements AuthStore {
    private AuthState state = new AuthState(java.util.Optional.empty(), 0);
    private final TreeMap<StoreKey, byte[]> records = new TreeMap<>();
    private int applies;

    @Override
    public synchronized AuthState state() {
        return state;
    }

    @Override
    public synchronized Map<String, byte[]> read(KeyCategory category, Collection<String> ids) {
        Map<String, byte[]> found = new HashMap<>();
        for (String id : ids) {
            byte[] value = records.get(new StoreKey(category, id));
            if (value != null) {
                found.put(id, value.clone());
            }
        }
        return found;
    }

    @Override
    public synchronized SortedSet<String> ids(KeyCategory category) {
        SortedSet<String> ids = new TreeSet<>();
        records.keySet().stream().filter(key -> key.category() == category).forEach(key -> ids.add(key.id()));
        return ids;
    }

    @Override
    public synchronized void apply(StateChange change) {
        for (KeyMutation mutation : change.mutations()) {
            switch (mutation) {
                case KeyMutation.Put put -> records.put(put.key(), put.value());
                case KeyMutation.Delete delete -> records.remove(delete.key());
            }
        }
        state = new AuthState(change.credentials().or(state::credentials), state.sequence() + 1);
        applies++;
    }

    synchronized int applies() {
        return applies;
    }

    @Override
    public void close() {}
}
