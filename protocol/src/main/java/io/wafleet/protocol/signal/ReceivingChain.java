package io.wafleet.protocol.signal;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The chain of message keys for one of the peer's ratchet keys. Keys for messages that have not arrived yet
 * (out of order) are derived ahead and kept until their message comes or a limit evicts them. Once the
 * peer moves to a new ratchet key the chain is closed: its chain key is dropped, only its skipped keys stay.
 * Mutable; a {@link Session} copies it before any attempt that may fail.
 */
final class ReceivingChain {
    private final byte[] ratchetKey;
    private Optional<ChainKey> chainKey;
    private int nextIndex;
    private final TreeMap<Integer, byte[]> skippedKeys;

    ReceivingChain(byte[] ratchetKey, Optional<ChainKey> chainKey, int nextIndex, Map<Integer, byte[]> skippedKeys) {
        this.ratchetKey = PublicKeys.requireRaw(ratchetKey, "ratchet key");
        this.chainKey = chainKey;
        this.nextIndex = nextIndex;
        this.skippedKeys = new TreeMap<>();
        skippedKeys.forEach((index, key) -> this.skippedKeys.put(index, key.clone()));
        chainKey.ifPresent(key -> {
            if (key.index() != nextIndex) {
                throw new IllegalArgumentException("chain key index " + key.index() + " differs from next index " + nextIndex);
            }
        });
    }

    static ReceivingChain open(byte[] ratchetKey, ChainKey chainKey) {
        return new ReceivingChain(ratchetKey, Optional.of(chainKey), chainKey.index(), Map.of());
    }

    ReceivingChain copy() {
        return new ReceivingChain(ratchetKey, chainKey, nextIndex, skippedKeys);
    }

    boolean isFor(byte[] key) {
        return Arrays.equals(ratchetKey, key);
    }

    byte[] ratchetKey() {
        return ratchetKey.clone();
    }

    Optional<ChainKey> chainKey() {
        return chainKey;
    }

    int nextIndex() {
        return nextIndex;
    }

    /** Skipped keys in ascending index order (copies). */
    Map<Integer, byte[]> skippedKeys() {
        TreeMap<Integer, byte[]> copy = new TreeMap<>();
        skippedKeys.forEach((index, key) -> copy.put(index, key.clone()));
        return copy;
    }

    int skippedKeyCount() {
        return skippedKeys.size();
    }

    /**
     * The seed of message {@code index}'s keys, removed so it cannot be used twice. Keys between the chain's
     * position and {@code index} are derived and kept for their messages.
     */
    byte[] takeMessageKey(int index, int maxKeysAhead) {
        deriveThrough(index, maxKeysAhead);
        byte[] seed = skippedKeys.remove(index);
        if (seed == null) {
            throw new SignalException(SignalException.Reason.DUPLICATE, "message key " + index + " was used already");
        }
        return seed;
    }

    /** Derives and keeps the keys up to and including {@code lastIndex}. */
    void deriveThrough(int lastIndex, int maxKeysAhead) {
        if (lastIndex < nextIndex) {
            return;
        }
        if (lastIndex - nextIndex >= maxKeysAhead) {
            throw new SignalException(SignalException.Reason.OUT_OF_WINDOW,
                    "message " + lastIndex + " is more than " + maxKeysAhead + " keys ahead of " + nextIndex);
        }
        ChainKey key = chainKey.orElseThrow(() -> new SignalException(SignalException.Reason.OUT_OF_WINDOW,
                "message " + lastIndex + " is on a closed chain that ended at " + nextIndex));
        while (key.index() <= lastIndex) {
            skippedKeys.put(key.index(), key.messageKeySeed());
            key = key.next();
        }
        chainKey = Optional.of(key);
        nextIndex = key.index();
    }

    void close() {
        chainKey = Optional.empty();
    }

    /** Drops the oldest skipped key; false when there is none. */
    boolean evictOldestSkippedKey() {
        return skippedKeys.pollFirstEntry() != null;
    }

    @Override
    public String toString() {
        return "ReceivingChain[nextIndex=" + nextIndex + ", open=" + chainKey.isPresent() + ", skipped=" + skippedKeys.size() + "]";
    }
}
