package io.wafleet.protocol.signal;

import io.wafleet.protocol.crypto.Hashes;
import java.util.Arrays;

/**
 * One link of a symmetric-key chain: the key and the index of the message key it yields next. Each step
 * yields a message key seed {@code HMAC(key, 01)} and moves on to {@code HMAC(key, 02)}.
 */
record ChainKey(byte[] key, int index) {
    private static final byte[] MESSAGE_KEY_SEED = {0x01};
    private static final byte[] NEXT_CHAIN_KEY = {0x02};

    ChainKey {
        if (key.length != 32 || index < 0) {
            throw new IllegalArgumentException("a chain key is 32 bytes with a non-negative index");
        }
        key = key.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    byte[] messageKeySeed() {
        return Hashes.hmacSha256(key, MESSAGE_KEY_SEED);
    }

    ChainKey next() {
        return new ChainKey(Hashes.hmacSha256(key, NEXT_CHAIN_KEY), index + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChainKey other && index == other.index && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return index;
    }

    @Override
    public String toString() {
        return "ChainKey[index=" + index + "]";
    }
}
