package io.wafleet.server.firestore;

import io.wafleet.server.registry.AccountId;
import io.wafleet.server.supervisor.AccountSnapshot;
import io.wafleet.server.supervisor.FleetListener;
import io.wafleet.server.supervisor.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mirrors each account's status into {@code wa_fleet_accounts}. Supervisors only drop their newest snapshot in a
 * map (never blocking, never waiting on Firestore); {@link #flush()} runs every few seconds on the coordinator's
 * thread and writes each changed account once, whatever number of transitions it went through meanwhile. Only
 * accounts whose lease this process holds are written, each fenced by its epoch.
 */
public final class StatusPublisher implements FleetListener {

    private static final Logger log = LoggerFactory.getLogger(StatusPublisher.class);

    private final MetadataStore metadata;
    private final LeaseKeeper keeper;
    private final FirestoreHealth health;
    private final Map<AccountId, AccountSnapshot> pending = new ConcurrentHashMap<>();
    private final Map<AccountId, Boolean> desiredRunning = new ConcurrentHashMap<>();

    public StatusPublisher(MetadataStore metadata, LeaseKeeper keeper, FirestoreHealth health) {
        this.metadata = metadata;
        this.keeper = keeper;
        this.health = health;
    }

    @Override
    public void onTransition(AccountSnapshot account, Transition transition) {
        // The operator's stop and start are the desired state: kept across restarts and hand-overs.
        switch (transition.reason()) {
            case "operator-stop" -> desiredRunning.put(account.id(), false);
            case "operator-restart", "link" -> desiredRunning.put(account.id(), true);
            default -> { }
        }
        pending.put(account.id(), account);
    }

    @Override
    public void onUpdate(AccountSnapshot account) {
        pending.put(account.id(), account);
    }

    void desired(AccountId account, boolean running) {
        desiredRunning.put(account, running);
    }

    boolean desiredRunning(AccountId account) {
        return desiredRunning.getOrDefault(account, true);
    }

    /** Writes what changed since the last flush, in one transaction; what fails stays queued unless a newer snapshot replaced it. */
    public void flush() {
        List<MetadataStore.StatusWrite> writes = new ArrayList<>();
        for (AccountId account : List.copyOf(pending.keySet())) {
            AccountSnapshot snapshot = pending.remove(account);
            Optional<Lease> fence = keeper.fence(account);
            if (snapshot != null && fence.isPresent()) { // without the lease, its owner writes it
                writes.add(new MetadataStore.StatusWrite(fence.get(), snapshot, desiredRunning(account)));
            }
        }
        try {
            List<AccountId> refused = metadata.write(writes);
            if (!refused.isEmpty()) {
                log.info("statuses not written, a newer lease exists: {}", refused);
            }
            health.succeeded();
        } catch (BackupException e) {
            health.failed(e.getMessage());
            writes.forEach(write -> pending.putIfAbsent(write.account().id(), write.account()));
        }
    }
}
