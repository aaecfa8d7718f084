package io.wafleet.protocol.signal;

import io.wafleet.protocol.crypto.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One Double Ratchet session with a peer device: where it came from ({@link Origin}), the root key, our current
 * ratchet key pair, the peer's latest ratchet key, our sending chain and the peer's receiving chains.
 *
 * <p>Mutable, because a ratchet step changes many parts at once; every operation that may fail works on a
 * {@link #copy()} and the caller keeps the copy only when the operation succeeded.
 */
final class Session {
    /**
     * What never changes in a session.
     *
     * @param baseKey the initiator's base key (raw); it names the session within a record
     * @param weInitiated true when we built it from the peer's bundle, false when a pkmsg created it
     * @param remoteRegistrationId the peer's registration id (from the bundle or the pkmsg)
     * @param remoteIdentityKey the peer's identity key (raw); part of every MAC
     */
    record Origin(byte[] baseKey, boolean weInitiated, int remoteRegistrationId, byte[] remoteIdentityKey, long createdMs) {
        Origin {
            baseKey = PublicKeys.requireRaw(baseKey, "base key");
            remoteIdentityKey = PublicKeys.requireRaw(remoteIdentityKey, "remote identity key");
        }

        @Override
        public byte[] baseKey() {
            return baseKey.clone();
        }

        @Override
        public byte[] remoteIdentityKey() {
            return remoteIdentityKey.clone();
        }
    }

    private final Origin origin;
    private long usedMs;
    private OptionalLong closedMs;
    private byte[] rootKey;
    private KeyPair ourRatchetKey;
    private byte[] theirRatchetKey;
    private int previousCounter;
    private Optional<ChainKey> sendingChain;
    private final List<ReceivingChain> receivingChains;
    private Optional<PendingPreKey> pendingPreKey;

    Session(Origin origin, long usedMs, OptionalLong closedMs, byte[] rootKey, KeyPair ourRatchetKey, byte[] theirRatchetKey,
            int previousCounter, Optional<ChainKey> sendingChain, List<ReceivingChain> receivingChains,
            Optional<PendingPreKey> pendingPreKey) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.usedMs = usedMs;
        this.closedMs = Objects.requireNonNull(closedMs, "closedMs");
        if (rootKey.length != 32) {
            throw new IllegalArgumentException("a root key is 32 bytes");
        }
        this.rootKey = rootKey.clone();
        this.ourRatchetKey = Objects.requireNonNull(ourRatchetKey, "ourRatchetKey");
        this.theirRatchetKey = PublicKeys.requireRaw(theirRatchetKey, "their ratchet key");
        if (previousCounter < 0) {
            throw new IllegalArgumentException("previous counter must not be negative");
        }
        this.previousCounter = previousCounter;
        this.sendingChain = Objects.requireNonNull(sendingChain, "sendingChain");
        this.receivingChains = new ArrayList<>();
        receivingChains.forEach(chain -> this.receivingChains.add(chain.copy()));
        this.pendingPreKey = Objects.requireNonNull(pendingPreKey, "pendingPreKey");
    }

    /** A deep copy: changes to either leave the other as it was. */
    Session copy() {
        return new Session(origin, usedMs, closedMs, rootKey, ourRatchetKey, theirRatchetKey, previousCounter,
                sendingChain, receivingChains, pendingPreKey);
    }

    Origin origin() {
        return origin;
    }

    boolean hasBaseKey(byte[] baseKey) {
        return Arrays.equals(origin.baseKey, baseKey);
    }

    long usedMs() {
        return usedMs;
    }

    void markUsed(long nowMs) {
        usedMs = nowMs;
    }

    boolean isOpen() {
        return closedMs.isEmpty();
    }

    OptionalLong closedMs() {
        return closedMs;
    }

    void close(long nowMs) {
        if (isOpen()) {
            closedMs = OptionalLong.of(nowMs);
        }
    }

    byte[] rootKey() {
        return rootKey.clone();
    }

    KeyPair ourRatchetKey() {
        return ourRatchetKey;
    }

    byte[] theirRatchetKey() {
        return theirRatchetKey.clone();
    }

    int previousCounter() {
        return previousCounter;
    }

    Optional<ChainKey> sendingChain() {
        return sendingChain;
    }

    /** Copies of the receiving chains, oldest first. */
    List<ReceivingChain> receivingChains() {
        return receivingChains.stream().map(ReceivingChain::copy).toList();
    }

    Optional<PendingPreKey> pendingPreKey() {
        return pendingPreKey;
    }

    /** The live chain for one of the peer's ratchet keys, if we have one. */
    Optional<ReceivingChain> receivingChain(byte[] ratchetKey) {
        return receivingChains.stream().filter(chain -> chain.isFor(ratchetKey)).findFirst();
    }

    /** First half of a ratchet step: the peer's new ratchet key gives a new root key and a receiving chain. */
    ReceivingChain addReceivingChain(byte[] ratchetKey, RootKdf.Derived derived) {
        rootKey = derived.rootKey();
        ReceivingChain chain = ReceivingChain.open(ratchetKey, derived.chainKey());
        receivingChains.add(chain);
        return chain;
    }

    /**
     * Second half of a ratchet step: our new ratchet key pair and the sending chain derived from it. The
     * peer learns from {@code previousCounter} how many messages our old sending chain carried.
     */
    void startSendingChain(KeyPair newRatchetKey, byte[] peerRatchetKey, RootKdf.Derived derived) {
        // libsignal writes the index of the last key used (-1 when none); a negative uint32 would make the peer
        // derive billions of keys, so an unused chain is reported as 0, as libsignal-java does.
        sendingChain.ifPresent(chain -> previousCounter = Math.max(chain.index() - 1, 0));
        ourRatchetKey = newRatchetKey;
        theirRatchetKey = peerRatchetKey.clone();
        rootKey = derived.rootKey();
        sendingChain = Optional.of(derived.chainKey());
    }

    /** The sending chain's current key, advancing the chain past it. */
    ChainKey takeSendingChainKey() {
        ChainKey current = sendingChain.orElseThrow(() -> new SignalException(SignalException.Reason.NO_SESSION,
                "the session has no sending chain yet"));
        sendingChain = Optional.of(current.next());
        return current;
    }

    void clearPendingPreKey() {
        pendingPreKey = Optional.empty();
    }

    /**
     * Bounds what a session keeps, whatever the peer sends: at most {@code maxReceivingChains} chains (the
     * oldest closed ones go first) and at most {@code maxSkippedKeys} skipped keys (the oldest go first).
     */
    void enforceLimits(int maxReceivingChains, int maxSkippedKeys) {
        while (receivingChains.size() > maxReceivingChains) {
            receivingChains.removeFirst();
        }
        int total = receivingChains.stream().mapToInt(ReceivingChain::skippedKeyCount).sum();
        for (ReceivingChain chain : receivingChains) {
            while (total > maxSkippedKeys && chain.evictOldestSkippedKey()) {
                total--;
            }
        }
    }

    @Override
    public String toString() {
        return "Session[weInitiated=" + origin.weInitiated + ", open=" + isOpen() + ", chains=" + receivingChains.size() + "]";
    }
}
