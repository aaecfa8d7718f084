package io.wafleet.server.firestore;

import com.google.cloud.firestore.Firestore;
import io.wafleet.protocol.store.Credentials;
import io.wafleet.protocol.store.CredentialsCodec;
import io.wafleet.protocol.store.FileAuthStore;
import io.wafleet.protocol.store.KeyCategory;
import io.wafleet.protocol.store.StateChange;
import io.wafleet.protocol.store.StoreException;
import io.wafleet.server.registry.AccountId;
import io.wafleet.server.testing.FirestoreEmulator;
import io.wafleet.server.testing.SharedFirestoreEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.SortedSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(SharedFirestoreEmulator.class)
class SessionBackupsTest {

    private static final AccountId ACCOUNT = AccountId.of("WA-07");
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CollectionNames names = new CollectionNames("wa_fleet_");
    private Firestore db;
    private Leases ours;
    private SessionBackups backups;

    @BeforeEach
    void connect(FirestoreEmulator emulator) {
        db = emulator.client(FirestoreEmulator.freshProject());
        ours = new Leases(db, names, "process-a", Duration.ofSeconds(30), DEADLINE, Clock.systemUTC());
        backups = new SessionBackups(db, names, ours, randomKey(), DEADLINE);
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void anAccountWithThousandsOfSessionsIsSplitUnderTheDocumentLimitAndRestoredExactly(@TempDir Path dir) {
        Lease lease = ours.acquire(ACCOUNT).orElseThrow();
        try (FileAuthStore store = FileAuthStore.open(dir.resolve("a"))) {
            StateChange.Builder change = StateChange.builder().credentials(Credentials.generate());
            for (int i = 0; i < 3000; i++) {
                // Random bytes do not compress: the worst case for the chunking.
                change.put(KeyCategory.SESSION, "4078000" + i + ".0", bytes(1200));
            }
            store.apply(change.build());
            // Not closed here: closing the decorator closes the store it wraps, which the test still reads.
            long opening = System.nanoTime();
            BackedUpAuthStore backed = BackedUpAuthStore.open(ACCOUNT, store, backups, id -> Optional.of(lease));
            long baseNanos = System.nanoTime() - opening;
            long applying = System.nanoTime();
            backed.apply(StateChange.builder().put(KeyCategory.PRE_KEY, "17", bytes(64))
                    .delete(KeyCategory.SESSION, "40780000.0").build());
            backed.apply(StateChange.builder().put(KeyCategory.SESSION, "40780001.0", bytes(100)).build());
            // A figure for the docs, not an assertion: what one backed-up change costs against the emulator.
            System.out.printf("backup of 3000 sessions: base %d ms, one change %d ms%n",
                    baseNanos / 1_000_000, (System.nanoTime() - applying) / 2_000_000);
            assertThat(backed.generation()).isEqualTo(3);
            assertThat(BackedUpAuthStore.open(ACCOUNT, store, backups, id -> Optional.of(lease)).generation())
                    .as("a reconnect finds the backup level and uploads no new base").isEqualTo(3);
            BackupHead head = backups.head(ACCOUNT).orElseThrow();
            assertThat(head.baseChunks()).as("3.6 MB of sessions need several documents").isGreaterThan(3);
            assertThat(head.deltas()).isEqualTo(2);

            SessionBackups.Restored restored = backups.read(ACCOUNT).orElseThrow();
            StateChange state = restored.state().toChange();
            assertThat(CredentialsCodec.encode(state.credentials().orElseThrow()))
                    .isEqualTo(CredentialsCodec.encode(store.state().credentials().orElseThrow()));
            try (FileAuthStore copy = FileAuthStore.open(dir.resolve("b"))) {
                copy.apply(state);
                for (KeyCategory category : KeyCategory.values()) {
                    SortedSet<String> ids = store.ids(category);
                    assertThat(copy.ids(category)).isEqualTo(ids);
                    if (!ids.isEmpty()) {
                        assertThat(copy.read(category, ids)).containsExactlyInAnyOrderEntriesOf(store.read(category, ids));
                    }
                }
            }
        }
    }

    @Test
    void anOlderGenerationNeverOverwritesANewerOne() {
        Lease lease = ours.acquire(ACCOUNT).orElseThrow();
        BackupPayload state = new BackupPayload(Optional.of(Credentials.generate()), java.util.List.of());
        BackupHead first = backups.writeBase(lease, 0, state);
        backups.writeBase(lease, first.generation(), state);

        assertThatThrownBy(() -> backups.writeBase(lease, first.generation(), state))
                .isInstanceOf(BackupException.Fenced.class).hasMessageContaining("never overwrites");
        assertThatThrownBy(() -> backups.appendDelta(lease, first, state))
                .isInstanceOf(BackupException.Fenced.class);
        assertThat(backups.head(ACCOUNT).orElseThrow().generation()).isEqualTo(2);
    }

    @Test
    void aProcessWhoseLeaseWasTakenOverCannotWriteAnyMore() {
        Leases shortLived = new Leases(db, names, "process-a", Duration.ofMillis(1), DEADLINE, Clock.systemUTC());
        Lease stale = shortLived.acquire(ACCOUNT).orElseThrow();
        Leases other = new Leases(db, names, "process-b", Duration.ofSeconds(30), DEADLINE, Clock.systemUTC());
        Lease taken = other.acquire(ACCOUNT).orElseThrow();
        assertThat(taken.epoch()).isEqualTo(stale.epoch() + 1);
        SessionBackups theirs = new SessionBackups(db, names, other, randomKey(), DEADLINE);
        BackupPayload state = new BackupPayload(Optional.of(Credentials.generate()), java.util.List.of());

        assertThatThrownBy(() -> backups.writeBase(stale, 0, state))
                .isInstanceOf(BackupException.Fenced.class).hasMessageContaining("epoch " + taken.epoch());
        assertThat(theirs.writeBase(taken, 0, state).generation()).isEqualTo(1);
    }

    @Test
    void aWrongKeyIsAClearErrorAndChangesNothing() {
        Lease lease = ours.acquire(ACCOUNT).orElseThrow();
        backups.writeBase(lease, 0, new BackupPayload(Optional.of(Credentials.generate()), java.util.List.of()));
        SessionBackups wrongKey = new SessionBackups(db, names, ours, randomKey(), DEADLINE);

        assertThatThrownBy(() -> wrongKey.read(ACCOUNT))
                .isInstanceOf(BackupException.Unreadable.class)
                .hasMessageContaining("WA-07").hasMessageContaining("SESSIONS_BACKUP_KEY");
        assertThat(backups.read(ACCOUNT)).isPresent();
    }

    @Test
    void aDamagedPartIsAClearErrorAndChangesNothing() throws Exception {
        Lease lease = ours.acquire(ACCOUNT).orElseThrow();
        BackupHead head = backups.writeBase(lease, 0, new BackupPayload(Optional.of(Credentials.generate()), java.util.List.of()));
        var part = db.collection("wa_fleet_sessions").document(ACCOUNT.value()).collection("parts")
                .document(BackupHead.baseChunkId(head.generation(), 0));
        byte[] data = part.get().get().getBlob("data").toBytes();
        data[data.length / 2] ^= 1;
        part.set(java.util.Map.of("data", com.google.cloud.firestore.Blob.fromBytes(data))).get();

        assertThatThrownBy(() -> backups.read(ACCOUNT))
                .isInstanceOf(BackupException.Unreadable.class).hasMessageContaining("damaged");
        assertThat(backups.head(ACCOUNT)).contains(head);
    }

    @Test
    void aFailedBackupMakesApplyThrowAndTheNextChangeWritesAFullBase(@TempDir Path dir) {
        try (FileAuthStore store = FileAuthStore.open(dir)) {
            store.apply(StateChange.of(Credentials.generate()));
            Optional<Lease>[] held = new Optional[] {Optional.empty()};
            BackedUpAuthStore backed = BackedUpAuthStore.open(ACCOUNT, store, backups, id -> held[0]);
            assertThatThrownBy(() -> backed.apply(StateChange.builder().put(KeyCategory.SESSION, "1.0", bytes(10)).build()))
                    .isInstanceOf(StoreException.class).hasMessageContaining("not backed up");
            assertThat(store.read(KeyCategory.SESSION, "1.0")).as("the volume keeps the commit").isPresent();

            held[0] = ours.acquire(ACCOUNT);
            backed.apply(StateChange.builder().put(KeyCategory.SESSION, "2.0", bytes(10)).build());
            StateChange restored = backups.read(ACCOUNT).orElseThrow().state().toChange();
            assertThat(restored.mutations()).hasSize(2);
        }
    }

    static BackupKey randomKey() {
        return BackupKey.parse(Base64.getEncoder().encodeToString(bytes(32)));
    }

    private static byte[] bytes(int n) {
        byte[] value = new byte[n];
        RANDOM.nextBytes(value);
        return value;
    }
}
