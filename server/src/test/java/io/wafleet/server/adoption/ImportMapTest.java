package io.wafleet.server.adoption;

import io.wafleet.server.config.EnvironmentVariables;
import io.wafleet.server.config.SettingsException;
import io.wafleet.server.registry.AccountId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportMapTest {

    private final List<AccountId> slots = IntStream.rangeClosed(1, 30).mapToObj(AccountId::slot).toList();

    @Test
    void readsOldIdToSlotPairs() {
        ImportMap map = ImportMap.parse(" account_prod_ab12=WA-07, account_prod_cd34 = WA-08 ", slots);

        assertThat(map.slotOf("account_prod_ab12")).contains(AccountId.slot(7));
        assertThat(map.slotOf("account_prod_cd34")).contains(AccountId.slot(8));
        assertThat(map.slotOf("account_prod_ef56")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"account_prod_ab12", "=WA-07", "account_prod_ab12=", "account_prod_ab12=WA-31",
            "account_prod_ab12=WA-07,", "../etc=WA-07", "a=WA-07,a=WA-08", "a=WA-07,b=WA-07", "a=WA-07=WA-08"})
    void aMalformedMapStopsTheStartNamingTheVariable(String raw) {
        assertThatThrownBy(() -> AdoptionSettings.parse(EnvironmentVariables.of(Map.of("WA_IMPORT_MAP", raw)), slots))
                .isInstanceOf(SettingsException.class)
                .satisfies(e -> assertThat(((SettingsException) e).variable()).isEqualTo("WA_IMPORT_MAP"))
                .hasMessageStartingWith("WA_IMPORT_MAP: ");
    }

    @Test
    void aBaileysAuthPathThatIsNotAFolderStopsTheStart(@TempDir Path temp) {
        String missing = temp.resolve("nowhere").toString();

        assertThatThrownBy(() -> AdoptionSettings.parse(EnvironmentVariables.of(Map.of("BAILEYS_AUTH_PATH", missing)), slots))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("BAILEYS_AUTH_PATH: ");
    }

    @Test
    void withoutVariablesTheSessionsPathIsSearched(@TempDir Path temp) {
        AdoptionSettings settings = AdoptionSettings.parse(EnvironmentVariables.of(Map.of()), slots);

        assertThat(settings.baileysRoot(temp)).isEqualTo(temp);
        assertThat(settings.importMap().slotsByOldId()).isEmpty();
    }
}
