package io.wafleet.server.adoption;

import io.wafleet.protocol.migration.BaileysImport;
import io.wafleet.protocol.migration.ImportException;
import io.wafleet.protocol.migration.ImportMarker;
import io.wafleet.protocol.migration.ImportReport;
import io.wafleet.protocol.store.DirectoryKind;
import io.wafleet.protocol.store.FileAuthStore;
import io.wafleet.protocol.store.SessionsDirectory;
import io.wafleet.protocol.store.StoreException;
import io.wafleet.server.registry.AccountId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Adopts the old Baileys service's accounts at boot, before the fleet restores its slots: each Baileys folder is
 * inspected, given a slot (the recorded one; else {@code WA_IMPORT_MAP}; else the old service's own records; else
 * the lowest free slot in order of phone number), recorded in the {@link AdoptionLedger} and imported into the
 * slot's fresh store. The restore that follows finds credentials there and logs in without a QR.
 *
 * <p>The Baileys folders are only read (the importer opens nothing for writing there), so the old service can
 * start on them again as a rollback. A folder that cannot be adopted is reported with its reason and the others
 * proceed. On later boots an imported account is only compared with its source: a source that changed since is
 * reported ({@link AdoptionIssue#SOURCE_CHANGED}), never imported again.
 */
public final class BaileysAdoption {

    private static final Logger log = LoggerFactory.getLogger(BaileysAdoption.class);

    private final Path baileysRoot;
    private final boolean explicitRoot;
    private final List<AccountId> slots;
    private final Function<AccountId, Path> directoryOf;
    private final AdoptionLedger ledger;
    private final ImportMap importMap;
    private final LegacySlotNames legacy;
    private final BaileysImport importer;
    private final Clock clock;

    /**
     * @param explicitRoot whether the operator named the Baileys folder ({@code BAILEYS_AUTH_PATH}): then every
     *                     folder in it is an account; in the shared sessions path only folders that look like
     *                     Baileys' are
     */
    public BaileysAdoption(Path baileysRoot, boolean explicitRoot, List<AccountId> slots, Function<AccountId, Path> directoryOf,
                           AdoptionLedger ledger, ImportMap importMap, LegacySlotNames legacy, BaileysImport importer,
                           Clock clock) {
        this.baileysRoot = baileysRoot;
        this.explicitRoot = explicitRoot;
        this.slots = List.copyOf(slots);
        this.directoryOf = directoryOf;
        this.ledger = ledger;
        this.importMap = importMap;
        this.legacy = legacy;
        this.importer = importer;
        this.clock = clock;
    }

    private record Folder(String oldId, Path path) {
    }

    private record Job(Folder folder, AccountId slot) {
    }

    public AdoptionReport adopt() {
        List<Folder> folders = folders();
        if (folders.isEmpty()) {
            return AdoptionReport.nothing(baileysRoot.toString(), clock.instant());
        }
        List<AdoptionReport.Adopted> adopted = new ArrayList<>();
        List<AdoptionReport.Problem> problems = new ArrayList<>();
        List<Job> imports = new ArrayList<>();
        List<Folder> fresh = new ArrayList<>();
        for (Folder folder : folders) {
            Optional<AdoptionLedger.Entry> entry = ledger.entryOf(folder.oldId());
            if (entry.isPresent()) {
                recheck(folder, entry.get(), adopted, problems, imports);
                continue;
            }
            ImportReport inspected = importer.inspect(folder.path());
            inspected.refusal().ifPresentOrElse(
                    refusal -> problems.add(problem(folder.oldId(), Optional.empty(), AdoptionIssue.of(refusal.reason()), refusal.message())),
                    () -> fresh.add(folder));
        }
        Map<String, AccountId> chosen = choose(fresh, problems);
        ledger.reserve(chosen);
        fresh.stream().filter(f -> chosen.containsKey(f.oldId())).forEach(f -> imports.add(new Job(f, chosen.get(f.oldId()))));
        runImports(imports, adopted, problems);
        adopted.sort(Comparator.comparing(AdoptionReport.Adopted::slot));
        AdoptionReport report = new AdoptionReport(baileysRoot.toString(), clock.instant(), adopted, problems);
        log.info("Baileys adoption from {}: {} imported now, {} imported earlier, {} need attention{}", baileysRoot,
                report.importedNow(), adopted.size() - report.importedNow(), problems.size(),
                problems.isEmpty() ? "" : " (" + problems.stream().map(p -> p.oldId() + " " + p.issue().code()).toList() + ")");
        return report;
    }

    /** An account adopted on an earlier boot (or reserved just before a crash). */
    private void recheck(Folder folder, AdoptionLedger.Entry entry, List<AdoptionReport.Adopted> adopted,
                         List<AdoptionReport.Problem> problems, List<Job> imports) {
        importMap.slotOf(folder.oldId()).filter(wanted -> !wanted.equals(entry.slot())).ifPresent(wanted -> log.warn(
                "WA_IMPORT_MAP maps {} to {}, but it was adopted into {} before; the recorded slot stays (it never changes by itself)",
                folder.oldId(), wanted, entry.slot()));
        if (!slots.contains(entry.slot())) {
            log.warn("{} was adopted into {}, which is no longer a configured slot (WA_ACCOUNTS); left alone", folder.oldId(), entry.slot());
            return;
        }
        if (entry.stage() == AdoptionLedger.Stage.RESERVED) {
            imports.add(new Job(folder, entry.slot())); // interrupted before: the importer finds the slot empty or done
            return;
        }
        Path directory = directoryOf.apply(entry.slot());
        if (kindOf(directory) != DirectoryKind.OURS) {
            log.info("{} (adopted from {}) holds no account any more (logged out and archived); not imported again",
                    entry.slot(), folder.oldId());
            return;
        }
        try (FileAuthStore store = FileAuthStore.open(directory)) {
            Optional<ImportMarker> marker = BaileysImport.markerOf(store);
            if (marker.isEmpty()) {
                log.info("{} (adopted from {}) holds another account now; its old folder is not imported again", entry.slot(), folder.oldId());
                return;
            }
            adopted.add(new AdoptionReport.Adopted(folder.oldId(), entry.slot(), AdoptionReport.Outcome.ALREADY_IMPORTED, 0));
            if (!importer.sourceUnchanged(folder.path(), marker.get())) {
                problems.add(problem(folder.oldId(), Optional.of(entry.slot()), AdoptionIssue.SOURCE_CHANGED,
                        "imported on " + marker.get().importedAt() + "; the imported copy keeps running, nothing was merged"));
            }
        } catch (ImportException e) {
            problems.add(problem(folder.oldId(), Optional.of(entry.slot()), AdoptionIssue.of(e.reason()), e.getMessage()));
        } catch (StoreException e) {
            problems.add(problem(folder.oldId(), Optional.of(entry.slot()), AdoptionIssue.UNREADABLE,
                    "the slot's own store cannot be opened: " + e.getMessage()));
        }
    }

    /** Slots for new accounts: WA_IMPORT_MAP, then the old service's records, then the lowest free slot by phone number. */
    private Map<String, AccountId> choose(List<Folder> fresh, List<AdoptionReport.Problem> problems) {
        Set<AccountId> taken = new HashSet<>();
        for (AccountId slot : slots) {
            if (ledger.holds(slot) || kindOf(directoryOf.apply(slot)) != DirectoryKind.EMPTY) {
                taken.add(slot);
            }
        }
        Map<String, AccountId> chosen = new LinkedHashMap<>();
        List<Folder> unplaced = new ArrayList<>();
        for (Folder folder : fresh) {
            Optional<AccountId> mapped = importMap.slotOf(folder.oldId());
            if (mapped.isPresent()) {
                if (taken.add(mapped.get())) {
                    chosen.put(folder.oldId(), mapped.get());
                } else {
                    problems.add(problem(folder.oldId(), Optional.empty(), AdoptionIssue.SLOT_TAKEN,
                            "WA_IMPORT_MAP names " + mapped.get() + ", which is not free"));
                }
                continue;
            }
            Optional<AccountId> named = legacy.slotOf(folder.oldId()).filter(slots::contains);
            if (named.isPresent() && taken.add(named.get())) {
                chosen.put(folder.oldId(), named.get());
            } else {
                named.ifPresent(slot -> log.warn("the old service's records name {} for {}, but it is not free; the lowest free slot is used",
                        slot, folder.oldId()));
                unplaced.add(folder);
            }
        }
        Map<Folder, Optional<String>> numbers = new LinkedHashMap<>();
        unplaced.forEach(folder -> numbers.put(folder, BaileysOwnNumber.of(folder.path())));
        // Numerically: a shorter number is a smaller one. Folders without a readable number go last, by name.
        Comparator<Optional<String>> byNumber = Comparator.comparing((Optional<String> n) -> n.isEmpty())
                .thenComparing(n -> n.map(String::length).orElse(0)).thenComparing(n -> n.orElse(""));
        unplaced.sort(Comparator.comparing((Folder f) -> numbers.get(f), byNumber).thenComparing(Folder::oldId));
        for (Folder folder : unplaced) {
            Optional<AccountId> free = slots.stream().filter(slot -> !taken.contains(slot)).findFirst();
            if (free.isEmpty()) {
                problems.add(problem(folder.oldId(), Optional.empty(), AdoptionIssue.NO_FREE_SLOT, slots.size() + " slots, all taken"));
                continue;
            }
            taken.add(free.get());
            chosen.put(folder.oldId(), free.get());
        }
        return chosen;
    }

    /** Imports run in parallel (each is CPU-bound: one key check per pre-key); each writes only its own slot. */
    private void runImports(List<Job> jobs, List<AdoptionReport.Adopted> adopted, List<AdoptionReport.Problem> problems) {
        if (jobs.isEmpty()) {
            return;
        }
        int threads = Math.min(jobs.size(), Math.max(1, Runtime.getRuntime().availableProcessors()));
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("baileys-import-", 1).factory())) {
            List<Future<AdoptionReport.Finding>> results = new ArrayList<>();
            jobs.forEach(job -> results.add(pool.submit(() -> importOne(job))));
            for (Future<AdoptionReport.Finding> result : results) {
                switch (result.get()) {
                    case AdoptionReport.Adopted a -> adopted.add(a);
                    case AdoptionReport.Problem p -> problems.add(p);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while importing Baileys accounts", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a Baileys import failed unexpectedly", e.getCause());
        }
    }

    private AdoptionReport.Finding importOne(Job job) {
        Folder folder = job.folder();
        try (FileAuthStore store = FileAuthStore.open(directoryOf.apply(job.slot()))) {
            BaileysImport.Result result = importer.importInto(folder.path(), store);
            ledger.imported(folder.oldId());
            List<String> skipped = result.report().problems();
            if (!skipped.isEmpty()) {
                log.warn("{} (from {}): {} Baileys files not used: {}", job.slot(), folder.oldId(), skipped.size(),
                        SafeText.mask(String.join("; ", skipped)));
            }
            boolean now = result.outcome() == BaileysImport.Outcome.IMPORTED;
            log.info("{} adopted from Baileys folder {}{}: {} files", job.slot(), folder.oldId(), now ? "" : " (imported earlier)",
                    result.report().types().stream().mapToInt(t -> t.files()).sum());
            return new AdoptionReport.Adopted(folder.oldId(), job.slot(),
                    now ? AdoptionReport.Outcome.IMPORTED : AdoptionReport.Outcome.ALREADY_IMPORTED, skipped.size());
        } catch (ImportException e) {
            return problem(folder.oldId(), Optional.of(job.slot()), AdoptionIssue.of(e.reason()), e.getMessage());
        } catch (StoreException e) {
            return problem(folder.oldId(), Optional.of(job.slot()), AdoptionIssue.UNREADABLE, "the slot's store: " + e.getMessage());
        }
    }

    private static AdoptionReport.Problem problem(String oldId, Optional<AccountId> slot, AdoptionIssue issue, String detail) {
        AdoptionReport.Problem problem = new AdoptionReport.Problem(oldId, slot, issue, SafeText.mask(detail));
        log.warn("Baileys folder {}{} needs attention: {}: {} ({})", oldId, slot.map(s -> " (" + s + ")").orElse(""),
                issue.code(), issue.meaning(), problem.detail());
        return problem;
    }

    /** The Baileys account folders: directories (links are not followed) named like an account id, but not a slot. */
    private List<Folder> folders() {
        if (!Files.isDirectory(baileysRoot)) {
            return List.of();
        }
        Set<String> slotNames = new HashSet<>();
        slots.forEach(slot -> slotNames.add(slot.value()));
        List<Folder> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(baileysRoot)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".") || slotNames.contains(name) || !AccountId.isValid(name)
                        || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (explicitRoot || looksLikeBaileys(entry)) {
                    found.add(new Folder(name, entry));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the Baileys folder " + baileysRoot, e);
        }
        found.sort(Comparator.comparing(Folder::oldId));
        return found;
    }

    /** creds.json, or (in a folder that lost it) files with Baileys' own names: reported rather than passed over. */
    private static boolean looksLikeBaileys(Path folder) {
        DirectoryKind kind = kindOf(folder);
        if (kind == DirectoryKind.BAILEYS) {
            return true;
        }
        if (kind != DirectoryKind.UNKNOWN) {
            return false;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "{pre-key-,session-,app-state-sync-}*.json")) {
            return files.iterator().hasNext();
        } catch (IOException e) {
            return true; // the importer names what is wrong with it
        }
    }

    private static DirectoryKind kindOf(Path directory) {
        try {
            return SessionsDirectory.classify(directory);
        } catch (StoreException e) {
            return DirectoryKind.UNKNOWN;
        }
    }
}
