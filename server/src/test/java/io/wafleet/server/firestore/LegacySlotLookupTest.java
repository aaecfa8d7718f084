package io.wafleet.server.firestore;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.firestore.Firestore;
import io.wafleet.server.registry.AccountId;
import io.wafleet.server.testing.FirestoreEmulator;
import io.wafleet.server.testing.SharedFirestoreEmulator;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Adoption's second slot source: the old service's {@code accounts/{oldId}} document, read from the emulator. */
@ExtendWith(SharedFirestoreEmulator.class)
class LegacySlotLookupTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final Set<AccountId> SLOTS = Set.of(AccountId.of("WA-01"), AccountId.of("WA-07"), AccountId.of("WA-30"));

    private Firestore db;
    private MetadataStore metadata;

    @BeforeEach
    void connect(FirestoreEmulator emulator) {
        db = emulator.client(FirestoreEmulator.freshProject());
        CollectionNames names = new CollectionNames("wa_fleet_");
        metadata = new MetadataStore(db, names, new Leases(db, names, "process-a", Duration.ofSeconds(30), DEADLINE,
                Clock.systemUTC()), DEADLINE);
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void theOldDocumentsNameFieldPicksTheSlot() throws Exception {
        write("account_prod_ab12", Map.of("name", "WA-07", "phone", "+40712345612", "status", "connected"));
        assertThat(metadata.legacySlotOf("account_prod_ab12", SLOTS)).contains(AccountId.of("WA-07"));
    }

    @Test
    void aNameThatIsNotOneOfOurSlotsPicksNothing() throws Exception {
        write("account_prod_cd34", Map.of("name", "Sales desk", "phone", 40712345612L));
        write("account_prod_ef56", Map.of("name", "WA-31"));
        assertThat(metadata.legacySlotOf("account_prod_cd34", SLOTS)).isEmpty();
        assertThat(metadata.legacySlotOf("account_prod_ef56", SLOTS)).isEmpty();
    }

    @Test
    void fieldsOfAnyTypeAreReadWithoutError() throws Exception {
        write("account_prod_gh78", Map.of("name", Map.of("nested", "WA-01"), "phone", 12.5, "status", true));
        assertThat(metadata.legacySlotOf("account_prod_gh78", SLOTS)).isEmpty();
    }

    @Test
    void aMissingDocumentPicksNothing() {
        assertThat(metadata.legacySlotOf("account_prod_missing", SLOTS)).isEmpty();
    }

    private void write(String id, Map<String, Object> fields) throws Exception {
        db.collection("accounts").document(id).set(fields).get(20, TimeUnit.SECONDS);
    }
}
