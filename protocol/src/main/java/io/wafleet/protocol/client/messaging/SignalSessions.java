package io.wafleet.protocol.client.messaging;

import io.wafleet.protocol.signal.KeyPairSource;
import io.wafleet.protocol.signal.SessionCipher;
import io.wafleet.protocol.store.StateChange;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one door to an account's Signal sessions. Work runs one piece at a time (a ratchet must never see two
 * operations at once, and a held-back commit must be written before anyone reads the state again), and
 * everything a piece of work changes is written as ONE store change together with the caller's own records.
 */
final class SignalSessions {
    private final AuthStoreSignalStore store;
    private final KeyPairSource keys;
    private final InstantSource clock;
    private final ReentrantLock lock = new ReentrantLock();

    SignalSessions(AuthStoreSignalStore store, KeyPairSource keys, InstantSource clock) {
        this.store = store;
        this.keys = keys;
        this.clock = clock;
    }

    /** What a piece of work returned and whether it consumed one of our one-time pre-keys. */
    record Outcome<T>(T value, boolean consumedPreKey) {}

    /**
     * Runs {@code work} on a cipher whose commits are held back, then writes them and what {@code alsoCommit} adds
     * in one change. If {@code work} throws, nothing is written.
     */
    <T> Outcome<T> transact(Function<SessionCipher, T> work, BiConsumer<T, StateChange.Builder> alsoCommit) {
        return run(work, value -> true, alsoCommit);
    }

    <T> T transact(Function<SessionCipher, T> work) {
        return transact(work, (value, change) -> { }).value();
    }

    /** Like {@link #transact(Function)}, but an empty answer abandons the work: nothing it did is written. */
    <T> Optional<T> transactIfPresent(Function<SessionCipher, Optional<T>> work) {
        return run(work, Optional::isPresent, (value, change) -> { }).value();
    }

    private <T> Outcome<T> run(Function<SessionCipher, T> work, Predicate<T> keep, BiConsumer<T, StateChange.Builder> alsoCommit) {
        lock.lock();
        try {
            SignalTransaction transaction = new SignalTransaction(store);
            T value = work.apply(new SessionCipher(transaction, keys, clock));
            if (!keep.test(value)) {
                return new Outcome<>(value, false);
            }
            StateChange.Builder change = StateChange.builder();
            transaction.addTo(change);
            alsoCommit.accept(value, change);
            StateChange built = change.build();
            if (!built.isEmpty()) {
                store.authStore().apply(built);
            }
            return new Outcome<>(value, transaction.consumedAnyPreKey());
        } finally {
            lock.unlock();
        }
    }

    /** Writes a change that moves or replaces Signal records, with no cipher operation in between. */
    void commitUnderLock(Consumer<StateChange.Builder> records) {
        transact(cipher -> null, (nothing, change) -> records.accept(change));
    }
}
