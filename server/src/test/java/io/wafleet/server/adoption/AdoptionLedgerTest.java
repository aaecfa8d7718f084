package io.wafleet.server.adoption;

import io.wafleet.server.registry.AccountId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdoptionLedgerTest {

    @TempDir
    Path sessions;

    @Test
    void entriesSurviveAReloadAndMoveFromReservedToImported() {
        AdoptionLedger ledger = new AdoptionLedger(sessions);
        ledger.reserve(Map.of("account_prod_ab12", AccountId.slot(7)));

        assertThat(new AdoptionLedger(sessions).entryOf("account_prod_ab12"))
                .contains(new AdoptionLedger.Entry(AccountId.slot(7), AdoptionLedger.Stage.RESERVED));

        ledger.imported("account_prod_ab12");

        AdoptionLedger reloaded = new AdoptionLedger(sessions);
        assertThat(reloaded.entryOf("account_prod_ab12"))
                .contains(new AdoptionLedger.Entry(AccountId.slot(7), AdoptionLedger.Stage.IMPORTED));
        assertThat(reloaded.aliasOf(AccountId.slot(7))).contains("account_prod_ab12");
        assertThat(reloaded.aliasOf(AccountId.slot(8))).isEmpty();
        assertThat(Files.exists(sessions.resolve(AdoptionLedger.FILE + ".tmp"))).isFalse();
    }

    @Test
    void anEntryIsNeverReassigned() {
        AdoptionLedger ledger = new AdoptionLedger(sessions);
        ledger.reserve(Map.of("account_prod_ab12", AccountId.slot(7)));

        assertThatThrownBy(() -> ledger.reserve(Map.of("account_prod_ab12", AccountId.slot(8)))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ledger.reserve(Map.of("account_prod_cd34", AccountId.slot(7)))).isInstanceOf(IllegalStateException.class);
        assertThat(new AdoptionLedger(sessions).entryOf("account_prod_cd34")).isEmpty();
    }

    @Test
    void anUnreadableLedgerStopsTheStartInsteadOfReassigningSlots() throws IOException {
        Files.writeString(sessions.resolve(AdoptionLedger.FILE), "account_prod_ab12=WA-07 SOMETIME\n");

        assertThatThrownBy(() -> new AdoptionLedger(sessions)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("account_prod_ab12");
    }

    @Test
    void digitRunsInImporterTextsAreMasked() {
        assertThat(SafeText.mask("session-40712345612.0.json: bad JSON at 12"))
                .isEqualTo("session-407******12.0.json: bad JSON at 12");
    }
}
