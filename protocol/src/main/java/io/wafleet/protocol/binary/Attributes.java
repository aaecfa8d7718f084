package io.wafleet.protocol.binary;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A node's attributes: immutable, in insertion (= wire) order, no null keys or values. {@link Node}'s
 * constructor copies any other map into one of these but takes one as it is, so a map the decoder builds is
 * not copied a second time. Every mutator throws {@link UnsupportedOperationException}.
 */
final class Attributes extends AbstractMap<String, String> {
    private final Map<String, String> entries;

    private Attributes(LinkedHashMap<String, String> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** A checked copy of {@code attrs}. */
    static Attributes copyOf(Map<String, String> attrs) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>(attrs);
        copy.forEach((key, value) -> {
            Objects.requireNonNull(key, "attribute key");
            Objects.requireNonNull(value, () -> "value of attribute " + key);
        });
        return new Attributes(copy);
    }

    /**
     * Takes over {@code entries} without copying. Only for a map that nothing else references afterwards and
     * that holds no nulls, such as the one the decoder fills.
     */
    static Attributes adopt(LinkedHashMap<String, String> entries) {
        return new Attributes(entries);
    }

    @Override
    public String get(Object key) {
        return entries.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        entries.forEach(action);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return entries.entrySet();
    }
}
