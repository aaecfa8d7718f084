package io.wafleet.server.adoption;

import io.wafleet.protocol.migration.BaileysImport;
import io.wafleet.server.config.FleetSettings;
import io.wafleet.server.storage.SessionsVolume;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Runs the adoption while the context is built, before the fleet bean exists: the supervisors are created with
 * their aliases, and the boot scan that follows sees the imported credentials. Nothing listens yet, so no
 * operator action can race an import into a slot.
 */
@Configuration(proxyBeanMethods = false)
public class AdoptionConfiguration {

    @Bean
    Adoptions adoptions(ObjectProvider<AdoptionSettings> configured, FleetSettings settings, SessionsVolume volume,
                        ObjectProvider<LegacySlotNames> legacy, Clock clock) {
        AdoptionSettings adoption = configured.getIfAvailable(AdoptionSettings::defaults);
        AdoptionLedger ledger = new AdoptionLedger(volume.root());
        BaileysAdoption run = new BaileysAdoption(adoption.baileysRoot(volume.root()), adoption.baileysAuthPath().isPresent(),
                settings.accounts(), volume::accountDirectory, ledger, adoption.importMap(),
                legacy.getIfAvailable(() -> LegacySlotNames.NONE), BaileysImport.withDefaults(), clock);
        return new Adoptions(run.adopt(), ledger);
    }
}
