package io.wafleet.server.firestore;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Precondition;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import io.wafleet.server.registry.AccountId;
import io.wafleet.server.supervisor.Ownership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds this process's leases and keeps them: every third of the TTL it renews what it holds, announces itself in
 * {@code wa_fleet_processes}, and takes free leases up to its fair share (slots ÷ live processes, rounded up), so a
 * new process takes load off the others and a dead one's accounts move to the survivors once its leases expire. A
 * process above its share while another is below hands the surplus over (stops those accounts, then releases).
 *
 * <p>A lease that could not be renewed for two thirds of the TTL is treated as lost before it expires, so the
 * account is stopped while no one else can have taken it yet: two owners never overlap, even in an outage.
 */
public final class LeaseKeeper implements Ownership {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);
    /** Far beyond any TTL or outage: an entry this stale belongs to a process that is not coming back as it was. */
    static final Duration FORGET_PROCESSES_AFTER = Duration.ofHours(24);

    /** What the keeper asks of the fleet. Called on the keeper's thread. */
    public interface Accounts {
        /** A lease was taken: make the volume ready (restore if needed) and start the account. */
        void acquired(Lease lease);

        /** The lease is gone (taken over, or not renewable in time): stop the account now. */
        void lost(AccountId account, String why);

        /** Stop the account (its socket closed) before its lease is handed to a process below its share. */
        void handOver(AccountId account);
    }

    private record Held(Lease lease, Instant renewedAt) {
    }

    private final Firestore db;
    private final CollectionNames names;
    private final Leases leases;
    private final List<AccountId> slots;
    private final FirestoreSettings settings;
    private final FirestoreHealth health;
    private final Clock clock;
    private final Duration deadline;
    private final Map<AccountId, Held> held = new ConcurrentHashMap<>();
    /** Accounts handed to the fleet since their lease was taken (touched only on the keeper's thread). */
    private final Set<AccountId> started = new HashSet<>();
    private volatile Accounts accounts;

    public LeaseKeeper(Firestore db, CollectionNames names, Leases leases, List<AccountId> slots, FirestoreSettings settings,
                       FirestoreHealth health, Clock clock, Duration deadline) {
        this.db = db;
        this.names = names;
        this.leases = leases;
        this.slots = List.copyOf(slots);
        this.settings = settings;
        this.health = health;
        this.clock = clock;
        this.deadline = deadline;
    }

    void attach(Accounts fleet) {
        this.accounts = fleet;
    }

    @Override
    public boolean mayConnect(AccountId account) {
        Held lease = held.get(account);
        return lease != null && clock.instant().isBefore(lease.renewedAt().plus(settings.lostAfter()));
    }

    @Override
    public boolean heldElsewhere(AccountId account) {
        try {
            Optional<Lease> current = leases.read(account);
            health.succeeded();
            return current.isPresent() && !current.get().holder().equals(leases.holder()) && !current.get().expired(clock.instant());
        } catch (BackupException e) {
            health.failed(e.getMessage());
            return false;
        }
    }

    /** The lease to fence writes of {@code account} with, while this process holds it. */
    public Optional<Lease> fence(AccountId account) {
        return Optional.ofNullable(held.get(account)).map(Held::lease);
    }

    public String holder() {
        return leases.holder();
    }

    public int heldCount() {
        return held.size();
    }

    public Set<AccountId> heldAccounts() {
        return Set.copyOf(held.keySet());
    }

    /** One round: renew, announce, rebalance. Never throws; an unreachable Firestore only marks health degraded. */
    public void tick() {
        Instant now = clock.instant();
        renewAll(now);
        try {
            announce(now);
            rebalance(now);
            health.succeeded();
        } catch (BackupException e) {
            health.failed(e.getMessage());
            log.warn("Firestore unreachable, running on the volume ({} leases held): {}", held.size(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("lease round failed", e);
        }
    }

    private void renewAll(Instant now) {
        List<Held> current = List.copyOf(held.values());
        try {
            Map<AccountId, Optional<Lease>> renewed = leases.renew(current.stream().map(Held::lease).toList());
            renewed.forEach((account, lease) -> {
                if (lease.isPresent()) {
                    held.put(account, new Held(lease.get(), now));
                } else {
                    lose(account, "lease-taken-over");
                }
            });
        } catch (BackupException e) {
            health.failed(e.getMessage());
            for (Held lease : current) {
                if (!now.isBefore(lease.renewedAt().plus(settings.lostAfter()))) {
                    lose(lease.lease().account(), "lease-lost: not renewed for " + settings.lostAfter().toSeconds()
                            + " s (Firestore unreachable)");
                }
            }
        }
    }

    private void lose(AccountId account, String why) {
        started.remove(account);
        if (held.remove(account) != null) {
            log.warn("{}: {}", account, why);
            accounts.lost(account, why);
        }
    }

    private void announce(Instant now) {
        Instant expireAt = now.plus(settings.leaseTtl());
        Calls.await("announcing this process", db.collection(names.processes()).document(leases.holder()).set(Map.of(
                "expireAt", Timestamp.ofTimeSecondsAndNanos(expireAt.getEpochSecond(), expireAt.getNano()),
                "leases", held.size())), deadline);
    }

    private void rebalance(Instant now) {
        List<String> live = liveProcesses(now);
        int share = (slots.size() + live.size() - 1) / live.size();
        List<Lease> all = leases.all();
        Map<String, Integer> perHolder = new HashMap<>();
        Map<AccountId, Lease> byAccount = new HashMap<>();
        for (Lease lease : all) {
            byAccount.put(lease.account(), lease);
            if (!lease.expired(now)) {
                perHolder.merge(lease.holder(), 1, Integer::sum);
            }
        }
        if (held.size() < share) {
            takeFree(byAccount, share - held.size(), now);
        } else if (held.size() > share && live.stream().anyMatch(p -> perHolder.getOrDefault(p, 0) < share)) {
            handOverSurplus(held.size() - share);
        }
    }

    private void takeFree(Map<AccountId, Lease> byAccount, int wanted, Instant now) {
        List<AccountId> free = new ArrayList<>();
        for (AccountId slot : slots) {
            Lease lease = byAccount.get(slot);
            if (!held.containsKey(slot) && (lease == null || lease.expired(now) || lease.holder().equals(leases.holder()))) {
                free.add(slot);
            }
        }
        // Processes that start together would otherwise all race for the same first slots.
        Collections.shuffle(free);
        Instant before = clock.instant();
        for (Lease lease : leases.acquire(free, wanted)) {
            held.put(lease.account(), new Held(lease, before));
            log.info("{}: lease taken (epoch {})", lease.account(), lease.epoch());
        }
        // Started after every lease is recorded: a restore can take a while and the leases are already ticking.
        for (Held lease : List.copyOf(held.values())) {
            if (!started.contains(lease.lease().account())) {
                started.add(lease.lease().account());
                try {
                    accounts.acquired(lease.lease());
                } catch (RuntimeException e) {
                    log.error("{}: could not start after taking its lease", lease.lease().account(), e);
                }
            }
        }
    }

    private void handOverSurplus(int surplus) {
        List<AccountId> mine = new ArrayList<>(held.keySet());
        Collections.shuffle(mine);
        List<Lease> released = new ArrayList<>();
        for (AccountId account : mine.subList(0, surplus)) {
            // Not ours from here on: no attempt may start while the socket closes and the lease goes.
            Held lease = held.remove(account);
            started.remove(account);
            if (lease != null) {
                accounts.handOver(account);
                released.add(lease.lease());
            }
        }
        leases.release(released);
        log.info("handed over to a process below its share: {}", released.stream().map(Lease::account).toList());
    }

    private List<String> liveProcesses(Instant now) {
        List<String> live = new ArrayList<>();
        for (QueryDocumentSnapshot doc : Calls.await("listing processes", db.collection(names.processes()).get(), deadline)) {
            Timestamp expireAt = doc.getTimestamp("expireAt");
            if (expireAt != null && expireAt.toDate().toInstant().isAfter(now)) {
                live.add(doc.getId());
            } else if (expireAt == null || expireAt.toDate().toInstant().isBefore(now.minus(FORGET_PROCESSES_AFTER))) {
                forget(doc);
            }
        }
        if (!live.contains(leases.holder())) {
            live.add(leases.holder());
        }
        return live;
    }

    /**
     * Deletes the entry of a process that has not announced itself for long: a process killed without a shutdown
     * (or renamed, or moved to another volume) leaves its entry behind, and redeploys would pile them up. Only if
     * unchanged since it was read, so a process that just came back keeps its fresh entry. Best effort: whichever
     * live process gets there first removes it.
     */
    private void forget(QueryDocumentSnapshot doc) {
        try {
            Calls.await("removing the entry of a gone process", doc.getReference().delete(Precondition.updatedAt(doc.getUpdateTime())), deadline);
            log.info("forgot process {}: not seen for more than {} h", doc.getId(), FORGET_PROCESSES_AFTER.toHours());
        } catch (BackupException e) {
            log.debug("entry of gone process {} not removed: {}", doc.getId(), e.getMessage());
        }
    }

    /** At shutdown, after every socket is closed: the leases go at once, so the survivors need not wait a TTL. */
    public void releaseAll() {
        List<Lease> mine = held.values().stream().map(Held::lease).toList();
        held.clear();
        try {
            leases.release(mine);
            log.info("{} leases released", mine.size());
        } catch (BackupException e) {
            log.warn("{} leases not released ({}); they expire by themselves", mine.size(), e.getMessage());
        }
        try {
            Calls.await("leaving", db.collection(names.processes()).document(leases.holder()).delete(), deadline);
        } catch (BackupException e) {
            log.debug("process entry not removed: {}", e.getMessage());
        }
    }
}
