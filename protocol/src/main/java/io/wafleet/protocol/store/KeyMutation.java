package io.wafleet.protocol.store;

import java.util.Arrays;
import java.util.Objects;

/** One change to one key record inside a {@link StateChange}. */
public sealed interface KeyMutation {
    StoreKey key();

    /** Stores {@code value} under {@code key}, replacing any previous record. */
    record Put(StoreKey key, byte[] value) implements KeyMutation {
        public Put {
            Objects.requireNonNull(key, "key");
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        /** Record bytes are key material (sessions, pre-keys): only their size is shown. */
        @Override
        public String toString() {
            return "Put[" + key + ", " + value.length + " bytes]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Put other && key.equals(other.key) && Arrays.equals(value, other.value);
        }

        @Override
        public int hashCode() {
            return 31 * key.hashCode() + Arrays.hashCode(value);
        }
    }

    /** Removes the record under {@code key}; deleting an absent key is not an error. */
    record Delete(StoreKey key) implements KeyMutation {
        public Delete {
            Objects.requireNonNull(key, "key");
        }
    }
}
