package io.wafleet.server.firestore;

import io.wafleet.server.registry.AccountId;
import io.wafleet.server.registry.BootReport;
import io.wafleet.server.registry.Fleet;
import io.wafleet.server.registry.FleetCoordinator;
import io.wafleet.server.storage.DisplayNames;
import io.wafleet.server.supervisor.AccountSupervisor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the fleet with Firestore: merges the metadata at boot, then lets the {@link LeaseKeeper} decide which
 * accounts this process runs; each account it takes is made current on the volume (restored from the backup where
 * needed) and started, each it loses or hands over is stopped before anyone else can take it.
 *
 * <p>The merge: the volume is the truth for credentials; Firestore supplies names and the desired state. An account
 * on the volume but not in Firestore is registered on its first status write; an account in Firestore without a
 * session on the volume is restored from its backup when it has one, otherwise it waits stopped with a reason
 * saying it needs a link.
 */
public final class FirestoreCoordinator implements FleetCoordinator, LeaseKeeper.Accounts {

    private static final Logger log = LoggerFactory.getLogger(FirestoreCoordinator.class);
    private static final long FLUSH_SECONDS = 2;

    private final FirestoreServices services;
    private final SessionRestorer restorer;
    private final Fleet fleet;
    private final DisplayNames names;
    private final List<AccountId> slots;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("wa-fleet-leases").daemon(true).factory());
    /** Status writes have their own thread: a slow write must never delay a lease renewal. */
    private final ScheduledExecutorService statuses = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("wa-fleet-statuses").daemon(true).factory());
    /** Restores and starts run here, so a slow restore never delays a lease renewal. */
    private final ExecutorService starts = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<AccountId> knownInFirestore = ConcurrentHashMap.newKeySet();

    public FirestoreCoordinator(FirestoreServices services, SessionRestorer restorer, Fleet fleet, DisplayNames names,
                                List<AccountId> slots) {
        this.services = services;
        this.restorer = restorer;
        this.fleet = fleet;
        this.names = names;
        this.slots = List.copyOf(slots);
        services.keeper().attach(this);
    }

    @Override
    public String description() {
        return services.description();
    }

    @Override
    public void start(BootReport report) {
        thread.execute(() -> merge(report));
        long every = services.settings().renewEvery().toMillis();
        thread.scheduleWithFixedDelay(services.keeper()::tick, 0, every, TimeUnit.MILLISECONDS);
        statuses.scheduleWithFixedDelay(services.publisher()::flush, FLUSH_SECONDS, FLUSH_SECONDS, TimeUnit.SECONDS);
    }

    private void merge(BootReport report) {
        Set<AccountId> all = new LinkedHashSet<>(slots);
        try {
            Map<AccountId, AccountMetadata> ours = services.metadata().ours(all);
            MetadataStore.LegacyScan legacy = services.metadata().legacy(all);
            List<String> renamed = new ArrayList<>();
            for (AccountId slot : slots) {
                Optional<AccountMetadata> found = Optional.ofNullable(ours.get(slot)).or(() -> Optional.ofNullable(legacy.matched().get(slot)));
                if (found.isEmpty()) {
                    continue;
                }
                knownInFirestore.add(slot);
                services.publisher().desired(slot, found.get().desiredRunning());
                found.get().maskedPhone().ifPresent(phone -> fleet.get(slot).ifPresent(s -> s.rememberPhone(phone)));
                found.get().name().filter(name -> !name.equals(names.get(slot).orElse(slot.value()))).ifPresent(name -> {
                    fleet.get(slot).ifPresent(s -> s.rename(name));
                    names.set(slot, name);
                    renamed.add(slot.value());
                });
            }
            List<String> volumeOnly = report.withCredentials().stream().filter(id -> !knownInFirestore.contains(id)).map(AccountId::value).toList();
            List<String> firestoreOnly = knownInFirestore.stream().filter(id -> !report.withCredentials().contains(id)).map(AccountId::value).sorted().toList();
            log.info("Firestore merge: {} accounts in {}, {} matched in the old 'accounts' ({} other old documents ignored), "
                            + "names from Firestore for {}; on the volume only (registered now): {}; in Firestore only (restored "
                            + "from backup if one exists, else waiting for a link): {}",
                    ours.size(), services.names().accounts(), legacy.matched().size(), legacy.unmatched(), renamed,
                    volumeOnly, firestoreOnly);
        } catch (BackupException e) {
            services.health().failed(e.getMessage());
            log.warn("Firestore metadata not merged ({}); names and desired state come from the volume until it answers", e.getMessage());
        }
    }

    @Override
    public void acquired(Lease lease) {
        starts.execute(() -> prepareAndStart(lease));
    }

    private void prepareAndStart(Lease lease) {
        AccountId account = lease.account();
        Optional<AccountSupervisor> supervisor = fleet.get(account);
        if (supervisor.isEmpty()) {
            return;
        }
        SessionRestorer.Outcome outcome;
        try {
            outcome = restorer.prepare(account);
        } catch (RuntimeException e) {
            log.error("{}: could not make the volume current; not started", account, e);
            supervisor.get().stop("restore-failed: " + e.getMessage());
            return;
        }
        switch (outcome) {
            case SessionRestorer.Outcome.Local local -> startIfWanted(supervisor.get(), "lease-acquired");
            case SessionRestorer.Outcome.Restored restored ->
                    startIfWanted(supervisor.get(), "restored-from-backup generation " + restored.generation());
            case SessionRestorer.Outcome.NoSession none -> supervisor.get().stop(knownInFirestore.contains(account)
                    ? "needs-link: known in Firestore, but no session on this volume or in the backup"
                    : "not-linked");
            case SessionRestorer.Outcome.Foreign foreign -> supervisor.get().stop("foreign-session: left untouched until imported");
            case SessionRestorer.Outcome.Unreadable unreadable -> supervisor.get().stop("backup-unreadable: " + unreadable.why());
        }
    }

    private void startIfWanted(AccountSupervisor supervisor, String why) {
        if (services.publisher().desiredRunning(supervisor.id())) {
            supervisor.start(why);
        } else {
            supervisor.stop("operator-stop (desired state in Firestore)");
        }
    }

    @Override
    public void lost(AccountId account, String why) {
        fleet.get(account).ifPresent(s -> s.stopAndWait(why));
    }

    @Override
    public void handOver(AccountId account) {
        fleet.get(account).ifPresent(s -> s.stopAndWait("handed-over: another process is below its fair share"));
    }

    /** Shutdown: every socket is closed already; write the last statuses, then release the leases at once. */
    @Override
    public void stop() {
        starts.shutdownNow();
        thread.shutdownNow();
        statuses.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
            statuses.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        services.publisher().flush();
        services.keeper().releaseAll();
    }
}
