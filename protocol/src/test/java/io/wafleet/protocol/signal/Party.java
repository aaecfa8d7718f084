package io.wafleet.protocol.signal;

import io.wafleet.protocol.crypto.KeyPair;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** One vector party: its store, a cipher over it, and the seams a test drives (scripted keys, a set clock). */
final class Party {
    final SignalAddress address;
    final InMemorySignalStore store;
    final ScriptedKeys keys = new ScriptedKeys();
    final SetClock clock = new SetClock();
    final SessionCipher cipher;

    Party(SignalAddress address, InMemorySignalStore store) {
        this.address = address;
        this.store = store;
        this.cipher = new SessionCipher(store, keys, clock);
    }

    /** Key pairs handed out in the given order; asking for one more is a test failure, not a random key. */
    static final class ScriptedKeys implements KeyPairSource {
        private final Deque<KeyPair> queue = new ArrayDeque<>();
        private boolean random;

        void script(List<KeyPair> keys) {
            queue.clear();
            queue.addAll(keys);
        }

        int remaining() {
            return queue.size();
        }

        /** After the replay: fresh random keys, for extra round trips beyond the vectors. */
        void switchToRandom() {
            queue.clear();
            random = true;
        }

        @Override
        public KeyPair next() {
            if (random) {
                return KeyPairSource.random().next();
            }
            KeyPair key = queue.pollFirst();
            if (key == null) {
                throw new AssertionError("the implementation generated a key pair libsignal did not generate in this step");
            }
            return key;
        }
    }

    static final class SetClock implements InstantSource {
        private long millis;

        void set(long millis) {
            this.millis = millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }
}
