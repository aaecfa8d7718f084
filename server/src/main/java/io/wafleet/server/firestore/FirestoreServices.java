package io.wafleet.server.firestore;

import com.google.cloud.firestore.Firestore;
import io.wafleet.server.connector.AccountConnector;
import io.wafleet.server.connector.StoreDecorator;
import io.wafleet.server.registry.AccountId;
import io.wafleet.server.registry.Coordination;
import io.wafleet.server.storage.SessionsVolume;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything built from the Firestore settings, in one place so the wiring stays a few lines. */
public final class FirestoreServices implements AutoCloseable {

    private final FirestoreSettings settings;
    private final Firestore db;
    private final CollectionNames names;
    private final FirestoreHealth health;
    private final Leases leases;
    private final Optional<SessionBackups> backups;
    private final MetadataStore metadata;
    private final LeaseKeeper keeper;
    private final StatusPublisher publisher;

    public FirestoreServices(FirestoreSettings settings, Firestore db, String holder, List<AccountId> slots, Clock clock) {
        this.settings = settings;
        this.db = db;
        this.names = new CollectionNames(settings.prefix());
        // Each call answers within a third of the TTL, so a renewal round ends before the lease is treated as lost.
        Duration deadline = settings.renewEvery().compareTo(Duration.ofSeconds(10)) < 0 ? settings.renewEvery() : Duration.ofSeconds(10);
        this.health = new FirestoreHealth(clock);
        this.leases = new Leases(db, names, holder, settings.leaseTtl(), deadline, clock);
        this.backups = settings.backupKey().map(key -> new SessionBackups(db, names, leases, key, deadline));
        // The boot merge may be the first call on a cold connection: it gets longer than a lease round.
        this.metadata = new MetadataStore(db, names, leases, Duration.ofSeconds(15));
        this.keeper = new LeaseKeeper(db, names, leases, slots, settings, health, clock, deadline);
        this.publisher = new StatusPublisher(metadata, keeper, health);
    }

    /** The hooks the fleet runs with: leases decide ownership, stores are backed up, statuses are published. */
    public Coordination coordination() {
        StoreDecorator stores = backups.<StoreDecorator>map(b -> (account, store) -> BackedUpAuthStore.open(account, store, b, keeper::fence))
                .orElse(StoreDecorator.NONE);
        return new Coordination(keeper, stores, List.of(publisher));
    }

    public SessionRestorer restorer(SessionsVolume volume, AccountConnector connector) {
        return new SessionRestorer(backups, volume, connector, leases.holder());
    }

    String description() {
        return "Firestore project " + settings.access().projectId() + " (" + (settings.access() instanceof FirestoreAccess.Emulator ? "emulator" : "service account")
                + "), collections " + names.prefix() + "*, instance " + leases.holder() + ", lease TTL " + settings.leaseTtl().toSeconds() + " s, backups "
                + (backups.isPresent() ? "encrypted" : "OFF (SESSIONS_BACKUP_KEY unset: accounts cannot move between processes)");
    }

    public FirestoreSettings settings() {
        return settings;
    }

    public CollectionNames names() {
        return names;
    }

    public FirestoreHealth health() {
        return health;
    }

    public LeaseKeeper keeper() {
        return keeper;
    }

    MetadataStore metadata() {
        return metadata;
    }

    StatusPublisher publisher() {
        return publisher;
    }

    @Override
    public void close() throws Exception {
        db.close();
    }
}
