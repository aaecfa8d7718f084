package io.wafleet.server.adoption;

import io.wafleet.protocol.migration.BaileysImport;
import io.wafleet.protocol.store.Credentials;
import io.wafleet.protocol.store.FileAuthStore;
import io.wafleet.protocol.store.Me;
import io.wafleet.protocol.store.StateChange;
import io.wafleet.server.registry.AccountId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry side of the Baileys adoption on real Baileys folders: slot choice, bad folders reported while the
 * others proceed, the source never touched, the ledger, and what later boots do.
 */
class BaileysAdoptionTest {

    @TempDir
    Path sessions;

    private final List<AccountId> slots = IntStream.rangeClosed(1, 6).mapToObj(AccountId::slot).toList();
    private List<String> linked;

    @BeforeEach
    void copyFixture() {
        linked = AdoptionFixture.linkedAccounts().subList(0, 3);
        List<String> folders = new ArrayList<>(linked);
        folders.add(AdoptionFixture.CORRUPT);
        folders.add(AdoptionFixture.UNPAIRED);
        AdoptionFixture.copy(sessions, folders);
    }

    private AdoptionReport adopt(ImportMap map, LegacySlotNames legacy) {
        return adopt(map, legacy, slots);
    }

    private AdoptionReport adopt(ImportMap map, LegacySlotNames legacy, List<AccountId> configured) {
        return new BaileysAdoption(sessions, false, configured, slot -> sessions.resolve(slot.value()), new AdoptionLedger(sessions),
                map, legacy, BaileysImport.withDefaults(), Clock.systemUTC()).adopt();
    }

    private AdoptionReport adopt() {
        return adopt(ImportMap.empty(), LegacySlotNames.NONE);
    }

    private Optional<Credentials> credentialsIn(AccountId slot) {
        try (FileAuthStore store = FileAuthStore.open(sessions.resolve(slot.value()))) {
            return store.state().credentials();
        }
    }

    private Map<String, String> sources() {
        Map<String, String> all = new java.util.TreeMap<>();
        for (String folder : List.of(linked.get(0), linked.get(1), linked.get(2), AdoptionFixture.CORRUPT, AdoptionFixture.UNPAIRED)) {
            AdoptionFixture.fingerprint(sessions.resolve(folder)).forEach((file, print) -> all.put(folder + "/" + file, print));
        }
        return all;
    }

    @Test
    void linkedFoldersGoToTheLowestFreeSlotsInOrderOfPhoneNumberAndBadOnesAreReported() {
        linkOurOwnAccountInto(AccountId.slot(1));
        Map<String, String> before = sources();

        AdoptionReport report = adopt();

        List<String> byNumber = linked.stream()
                .sorted(Comparator.comparing(folder -> AdoptionFixture.ownJid(sessions.resolve(folder)))).toList();
        assertThat(report.adopted()).extracting(AdoptionReport.Adopted::oldId).containsExactlyElementsOf(byNumber);
        assertThat(report.adopted()).extracting(AdoptionReport.Adopted::slot)
                .containsExactly(AccountId.slot(2), AccountId.slot(3), AccountId.slot(4));
        assertThat(report.importedNow()).isEqualTo(3);
        for (AdoptionReport.Adopted adopted : report.adopted()) {
            assertThat(credentialsIn(adopted.slot()).flatMap(Credentials::me).map(Me::jid))
                    .contains(AdoptionFixture.ownJid(sessions.resolve(adopted.oldId())));
        }
        assertThat(report.problems()).extracting(p -> p.oldId() + " " + p.issue().code())
                .containsExactlyInAnyOrder(AdoptionFixture.CORRUPT + " baileys-bad-credentials",
                        AdoptionFixture.UNPAIRED + " baileys-not-paired");
        assertThat(report.problems()).allMatch(p -> p.slot().isEmpty());
        assertThat(sources()).as("every source file byte-identical, same mtimes").isEqualTo(before);
        assertThat(new AdoptionLedger(sessions).aliasOf(AccountId.slot(2))).contains(byNumber.getFirst());
        assertThat(Files.exists(sessions.resolve(AccountId.slot(5).value()))).as("no slot made for a bad folder").isFalse();
    }

    @Test
    void aLaterBootImportsNothingAndReportsASourceThatChangedSince() throws IOException {
        adopt();
        Map<String, String> before = sources();

        AdoptionReport again = adopt();

        assertThat(again.importedNow()).isZero();
        assertThat(again.adopted()).hasSize(3).allMatch(a -> a.outcome() == AdoptionReport.Outcome.ALREADY_IMPORTED);
        assertThat(sources()).isEqualTo(before);

        String resumed = linked.get(1);
        Files.writeString(sessions.resolve(resumed).resolve("pre-key-900.json"), "{}"); // the old service ran again
        AdoptionReport changed = adopt();

        AccountId slot = new AdoptionLedger(sessions).entryOf(resumed).orElseThrow().slot();
        assertThat(changed.problems()).filteredOn(p -> p.slot().equals(Optional.of(slot))).singleElement()
                .extracting(AdoptionReport.Problem::issue).isEqualTo(AdoptionIssue.SOURCE_CHANGED);
        assertThat(changed.adopted()).extracting(AdoptionReport.Adopted::oldId).contains(resumed);
        assertThat(changed.importedNow()).isZero();
    }

    @Test
    void theOperatorsMapComesFirstThenTheOldServicesRecords() {
        ImportMap map = ImportMap.parse(linked.get(2) + "=WA-06", slots);
        LegacySlotNames legacy = oldId -> oldId.equals(linked.get(0)) ? Optional.of(AccountId.slot(5)) : Optional.empty();

        AdoptionReport report = adopt(map, legacy);

        AdoptionLedger ledger = new AdoptionLedger(sessions);
        assertThat(ledger.entryOf(linked.get(2))).get().extracting(AdoptionLedger.Entry::slot).isEqualTo(AccountId.slot(6));
        assertThat(ledger.entryOf(linked.get(0))).get().extracting(AdoptionLedger.Entry::slot).isEqualTo(AccountId.slot(5));
        assertThat(ledger.entryOf(linked.get(1))).get().extracting(AdoptionLedger.Entry::slot).isEqualTo(AccountId.slot(1));
        assertThat(report.importedNow()).isEqualTo(3);
    }

    @Test
    void aMappedSlotThatIsTakenIsReportedAndNothingIsOverwritten() {
        Credentials ours = linkOurOwnAccountInto(AccountId.slot(4));

        AdoptionReport report = adopt(ImportMap.parse(linked.get(0) + "=WA-04", slots), LegacySlotNames.NONE);

        assertThat(report.problems()).anyMatch(p -> p.oldId().equals(linked.get(0)) && p.issue() == AdoptionIssue.SLOT_TAKEN);
        assertThat(credentialsIn(AccountId.slot(4))).contains(ours);
        assertThat(report.adopted()).extracting(AdoptionReport.Adopted::oldId).doesNotContain(linked.get(0));
    }

    @Test
    void withoutAFreeSlotTheFolderIsReported() {
        AdoptionReport report = adopt(ImportMap.empty(), LegacySlotNames.NONE, List.of(AccountId.slot(1), AccountId.slot(2)));

        assertThat(report.adopted()).hasSize(2);
        assertThat(report.problems()).filteredOn(p -> p.issue() == AdoptionIssue.NO_FREE_SLOT).hasSize(1);
    }

    @Test
    void aSlotReservedBeforeACrashIsImportedIntoTheSameSlotAtTheNextBoot() {
        new AdoptionLedger(sessions).reserve(Map.of(linked.get(0), AccountId.slot(6)));

        AdoptionReport report = adopt();

        assertThat(report.adopted()).filteredOn(a -> a.oldId().equals(linked.get(0))).singleElement()
                .satisfies(a -> {
                    assertThat(a.slot()).isEqualTo(AccountId.slot(6));
                    assertThat(a.outcome()).isEqualTo(AdoptionReport.Outcome.IMPORTED);
                });
        assertThat(new AdoptionLedger(sessions).entryOf(linked.get(0))).get()
                .extracting(AdoptionLedger.Entry::stage).isEqualTo(AdoptionLedger.Stage.IMPORTED);
    }

    @Test
    void anAccountLoggedOutAfterItsAdoptionIsNotImportedAgain() throws IOException {
        AdoptionReport first = adopt();
        AccountId slot = first.adopted().getFirst().slot();
        deleteTree(sessions.resolve(slot.value())); // what archiving after a 401 leaves behind

        AdoptionReport later = adopt();

        assertThat(later.importedNow()).isZero();
        assertThat(Files.exists(sessions.resolve(slot.value()))).isFalse();
        assertThat(later.adopted()).extracting(AdoptionReport.Adopted::slot).doesNotContain(slot);
    }

    @Test
    void anUnknownOrDamagedFileIsSkippedAndTheAccountStillAdopted() throws IOException {
        Path folder = sessions.resolve(linked.get(0));
        Files.writeString(folder.resolve("notes-40712345612.txt"), "written by someone else");
        Files.writeString(folder.resolve("session-40712345612.0.json"), "{\"_sessions\":");
        Map<String, String> before = sources();

        AdoptionReport report = adopt();

        assertThat(report.adopted()).filteredOn(a -> a.oldId().equals(linked.get(0))).singleElement()
                .satisfies(a -> assertThat(a.skippedFiles()).isEqualTo(2));
        assertThat(report.adopted()).hasSize(3);
        assertThat(sources()).isEqualTo(before);
    }

    @Test
    void problemsNeverCarryAPhoneNumber() {
        AdoptionReport report = adopt();

        assertThat(report.problems()).allSatisfy(p -> assertThat(p.detail()).doesNotContainPattern("\\d{7,}"));
    }

    private Credentials linkOurOwnAccountInto(AccountId slot) {
        Credentials ours = Credentials.generate().toBuilder().me(Me.of("40700000001:2@s.whatsapp.net")).build();
        try (FileAuthStore store = FileAuthStore.open(sessions.resolve(slot.value()))) {
            store.apply(StateChange.of(ours));
        }
        return ours;
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
