package io.wafleet.protocol.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one {@link AuthStore#apply} writes: optionally new credentials, and key puts and deletes. All of it lands
 * together or none of it does, so a pre-key upload can move {@code firstUnuploadedPreKeyId} in the same breath as
 * the keys it covers. Each key appears at most once (the builder keeps the last mutation per key).
 */
public record StateChange(Optional<Credentials> credentials, List<KeyMutation> mutations) {
    public StateChange {
        Objects.requireNonNull(credentials, "credentials");
        mutations = List.copyOf(mutations);
        if (mutations.stream().map(KeyMutation::key).distinct().count() != mutations.size()) {
            throw new IllegalArgumentException("a state change mentions a key more than once");
        }
    }

    public static StateChange of(Credentials credentials) {
        return new StateChange(Optional.of(credentials), List.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return credentials.isEmpty() && mutations.isEmpty();
    }

    public static final class Builder {
        private Optional<Credentials> credentials = Optional.empty();
        private final Map<StoreKey, KeyMutation> mutations = new LinkedHashMap<>();

        private Builder() {}

        public Builder credentials(Credentials value) {
            credentials = Optional.of(value);
            return this;
        }

        public Builder put(KeyCategory category, String id, byte[] value) {
            StoreKey key = new StoreKey(category, id);
            mutations.put(key, new KeyMutation.Put(key, value));
            return this;
        }

        public Builder delete(KeyCategory category, String id) {
            StoreKey key = new StoreKey(category, id);
            mutations.put(key, new KeyMutation.Delete(key));
            return this;
        }

        public StateChange build() {
            return new StateChange(credentials, List.copyOf(mutations.values()));
        }
    }
}
