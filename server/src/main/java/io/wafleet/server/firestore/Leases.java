package io.wafleet.server.firestore;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.cloud.firestore.Transaction;
import io.wafleet.server.registry.AccountId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Single-owner leases in {@code wa_fleet_leases}, each change in a transaction. Lease times come from this
 * process's clock, so the hosts' clocks must agree to well within the TTL (NTP does); a skew shortens or lengthens
 * the hand-over, and the epoch fencing keeps even a skewed hand-over from letting two owners write.
 */
public final class Leases {

    private final Firestore db;
    private final CollectionNames names;
    private final String holder;
    private final Duration ttl;
    private final Duration deadline;
    private final Clock clock;

    public Leases(Firestore db, CollectionNames names, String holder, Duration ttl, Duration deadline, Clock clock) {
        this.db = db;
        this.names = names;
        this.holder = holder;
        this.ttl = ttl;
        this.deadline = deadline;
        this.clock = clock;
    }

    public String holder() {
        return holder;
    }

    /**
     * Takes the lease when it is missing, expired, or already ours; the epoch grows by one either way. Empty when
     * another live process holds it.
     */
    public Optional<Lease> acquire(AccountId account) {
        return acquire(List.of(account), 1).stream().findFirst();
    }

    /**
     * Takes up to {@code wanted} of {@code candidates} in one transaction (one round trip however many), each when
     * missing, expired, or already ours, with its epoch grown by one.
     */
    public List<Lease> acquire(List<AccountId> candidates, int wanted) {
        if (candidates.isEmpty() || wanted <= 0) {
            return List.of();
        }
        DocumentReference[] refs = candidates.stream().map(this::ref).toArray(DocumentReference[]::new);
        return Calls.await("acquiring " + candidates.size() + " leases", db.runTransaction(tx -> {
            Instant now = clock.instant();
            List<DocumentSnapshot> docs = tx.getAll(refs).get();
            List<Lease> taken = new ArrayList<>();
            for (int i = 0; i < docs.size() && taken.size() < wanted; i++) {
                AccountId account = candidates.get(i);
                Optional<Lease> current = read(account, docs.get(i));
                if (current.isPresent() && !current.get().expired(now) && !current.get().holder().equals(holder)) {
                    continue;
                }
                Lease lease = new Lease(account, holder, current.map(Lease::epoch).orElse(0L) + 1, now.plus(ttl));
                tx.set(refs[i], fields(lease));
                taken.add(lease);
            }
            return taken;
        }), deadline);
    }

    /** Extends a lease we hold; empty when it has been taken over (a newer epoch or another holder). */
    public Optional<Lease> renew(Lease held) {
        return renew(List.of(held)).get(held.account());
    }

    /**
     * Extends every lease in {@code held} in one transaction. The answer maps each account to its renewed lease, or
     * to empty when it was taken over meanwhile (a newer epoch or another holder).
     */
    public Map<AccountId, Optional<Lease>> renew(List<Lease> held) {
        if (held.isEmpty()) {
            return Map.of();
        }
        DocumentReference[] refs = held.stream().map(lease -> ref(lease.account())).toArray(DocumentReference[]::new);
        return Calls.await("renewing " + held.size() + " leases", db.runTransaction(tx -> {
            List<DocumentSnapshot> docs = tx.getAll(refs).get();
            Instant expireAt = clock.instant().plus(ttl);
            Map<AccountId, Optional<Lease>> result = new HashMap<>();
            for (int i = 0; i < docs.size(); i++) {
                Lease mine = held.get(i);
                Optional<Lease> current = read(mine.account(), docs.get(i));
                if (current.isEmpty() || current.get().epoch() != mine.epoch() || !current.get().holder().equals(holder)) {
                    result.put(mine.account(), Optional.empty());
                    continue;
                }
                Lease renewed = new Lease(mine.account(), holder, mine.epoch(), expireAt);
                tx.set(refs[i], fields(renewed));
                result.put(mine.account(), Optional.of(renewed));
            }
            return result;
        }), deadline);
    }

    /** Gives leases up at once (shutdown, or a hand-over to a process below its share), in one transaction. Keeps the epochs. */
    public void release(List<Lease> held) {
        if (held.isEmpty()) {
            return;
        }
        DocumentReference[] refs = held.stream().map(lease -> ref(lease.account())).toArray(DocumentReference[]::new);
        Calls.await("releasing " + held.size() + " leases", db.runTransaction(tx -> {
            List<DocumentSnapshot> docs = tx.getAll(refs).get();
            Instant now = clock.instant();
            for (int i = 0; i < docs.size(); i++) {
                Lease mine = held.get(i);
                Optional<Lease> current = read(mine.account(), docs.get(i));
                if (current.isPresent() && current.get().epoch() == mine.epoch() && current.get().holder().equals(holder)) {
                    tx.set(refs[i], fields(new Lease(mine.account(), holder, mine.epoch(), now)));
                }
            }
            return null;
        }), deadline);
    }

    public Optional<Lease> read(AccountId account) {
        return read(account, Calls.await("reading the lease of " + account, ref(account).get(), deadline));
    }

    /** Every lease document, for the fair-share count. */
    public List<Lease> all() {
        List<Lease> leases = new ArrayList<>();
        for (QueryDocumentSnapshot doc : Calls.await("listing leases", db.collection(names.leases()).get(), deadline)) {
            if (AccountId.isValid(doc.getId())) {
                read(AccountId.of(doc.getId()), doc).ifPresent(leases::add);
            }
        }
        return leases;
    }

    /** Inside a transaction: refuses (throws {@link BackupException.Fenced}) unless {@code fence} is still the lease. */
    void check(Transaction tx, Lease fence) throws Exception {
        Optional<Lease> current = read(fence.account(), tx.get(ref(fence.account())).get());
        if (current.isEmpty() || current.get().epoch() != fence.epoch() || !current.get().holder().equals(holder)) {
            throw new BackupException.Fenced(fence.account() + ": lease epoch " + fence.epoch() + " is no longer ours (now "
                    + current.map(l -> "epoch " + l.epoch() + " held by " + l.holder()).orElse("no lease") + ")");
        }
    }

    DocumentReference ref(AccountId account) {
        return db.collection(names.leases()).document(account.value());
    }

    static Optional<Lease> read(AccountId account, DocumentSnapshot doc) {
        if (!doc.exists()) {
            return Optional.empty();
        }
        String holder = doc.getString("holder");
        Long epoch = doc.getLong("epoch");
        Timestamp expireAt = doc.getTimestamp("expireAt");
        if (holder == null || epoch == null || expireAt == null) {
            return Optional.empty();
        }
        return Optional.of(new Lease(account, holder, epoch, expireAt.toDate().toInstant()));
    }

    private static Map<String, Object> fields(Lease lease) {
        return Map.of("holder", lease.holder(), "epoch", lease.epoch(),
                "expireAt", Timestamp.ofTimeSecondsAndNanos(lease.expireAt().getEpochSecond(), lease.expireAt().getNano()));
    }
}
