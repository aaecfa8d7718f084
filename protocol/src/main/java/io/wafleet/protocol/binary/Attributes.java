package io.wafleet.protocol.binary;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A node's attributes: immutable, in insertion (= wire) order, no null keys or values, held as one array of
 * alternating keys and values. A stanza has a handful of attributes, for which a scan beats hashing and a
 * {@code LinkedHashMap} costs several times the memory (a table plus an entry object per attribute).
 * {@link Node}'s constructor copies any other map into one of these but takes one as it is, so the map the
 * decoder builds is not copied a second time. Every mutator throws {@link UnsupportedOperationException}.
 *
 * <p>Past {@value #SCAN_LIMIT} attributes, which only crafted input has, a hash index is kept beside the array,
 * so that neither building nor looking up costs time quadratic in the attribute count.
 */
final class Attributes extends AbstractMap<String, String> {
    static final int SCAN_LIMIT = 16;

    /** key0, value0, key1, value1, … */
    private final String[] pairs;
    /** Key → pair position, for more than {@value #SCAN_LIMIT} attributes; empty otherwise. */
    private final Map<String, Integer> index;

    private Attributes(String[] pairs, Map<String, Integer> index) {
        this.pairs = pairs;
        this.index = index;
    }

    /** A checked copy of {@code attrs}, in its iteration order. */
    static Attributes copyOf(Map<String, String> attrs) {
        String[] pairs = new String[2 * attrs.size()];
        int at = 0;
        for (Entry<String, String> entry : attrs.entrySet()) {
            String key = Objects.requireNonNull(entry.getKey(), "attribute key");
            pairs[at++] = key;
            pairs[at++] = Objects.requireNonNull(entry.getValue(), () -> "value of attribute " + key);
        }
        return fromPairs(at == pairs.length ? pairs : Arrays.copyOf(pairs, at));
    }

    /**
     * Takes over {@code pairs} (alternating non-null keys and values, in order), which nothing may touch
     * afterwards. A repeated key keeps its first position and takes its last value, as a {@code LinkedHashMap}
     * filled in this order would.
     */
    static Attributes fromPairs(String[] pairs) {
        int count = pairs.length / 2;
        boolean indexed = count > SCAN_LIMIT;
        Map<String, Integer> index = indexed ? HashMap.newHashMap(count) : Map.of();
        int kept = 0;
        for (int i = 0; i < count; i++) {
            String key = pairs[2 * i];
            String value = pairs[2 * i + 1];
            int earlier = indexed ? index.getOrDefault(key, -1) : scan(pairs, kept, key);
            if (earlier >= 0) {
                pairs[2 * earlier + 1] = value;
                continue;
            }
            if (indexed) {
                index.put(key, kept);
            }
            pairs[2 * kept] = key;
            pairs[2 * kept + 1] = value;
            kept++;
        }
        return new Attributes(kept == count ? pairs : Arrays.copyOf(pairs, 2 * kept), index);
    }

    /** The position of {@code key} among the first {@code count} pairs, or −1. */
    private static int scan(String[] pairs, int count, Object key) {
        for (int i = 0; i < count; i++) {
            if (pairs[2 * i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private int positionOf(Object key) {
        if (index.isEmpty()) {
            return scan(pairs, size(), key);
        }
        Integer position = index.get(key);
        return position == null ? -1 : position;
    }

    @Override
    public String get(Object key) {
        int position = positionOf(key);
        return position < 0 ? null : pairs[2 * position + 1];
    }

    @Override
    public boolean containsKey(Object key) {
        return positionOf(key) >= 0;
    }

    @Override
    public int size() {
        return pairs.length / 2;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        for (int i = 0; i < pairs.length; i += 2) {
            action.accept(pairs[i], pairs[i + 1]);
        }
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < pairs.length;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (next >= pairs.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, String> entry = new SimpleImmutableEntry<>(pairs[next], pairs[next + 1]);
                        next += 2;
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return Attributes.this.size();
            }
        };
    }
}
