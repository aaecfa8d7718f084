package io.wafleet.server.firestore;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.wafleet.server.adoption.LegacySlotNames;
import io.wafleet.server.config.FleetSettings;
import io.wafleet.server.connector.AccountConnector;
import io.wafleet.server.registry.AccountId;
import io.wafleet.server.registry.Coordination;
import io.wafleet.server.registry.Fleet;
import io.wafleet.server.registry.FleetCoordinator;
import io.wafleet.server.storage.DisplayNames;
import io.wafleet.server.storage.SessionsVolume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Firestore wiring. The launcher registers {@link FirestoreSettings} only when Firestore is configured; without it
 * the fleet gets {@link Coordination#volumeOnly()} and {@link FleetCoordinator#volumeOnly}, exactly as before.
 */
@Configuration(proxyBeanMethods = false)
public class FirestoreConfiguration {
    private static final Logger log = LoggerFactory.getLogger(FirestoreConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnBean(FirestoreSettings.class)
    FirestoreServices firestoreServices(FirestoreSettings firestore, FleetSettings settings, SessionsVolume volume, Clock clock,
                                        MeterRegistry meters) {
        FirestoreServices services = new FirestoreServices(firestore, FirestoreClients.open(firestore.access()),
                InstanceName.resolve(volume.root(), firestore.instance()), settings.accounts(), clock);
        Gauge.builder("wafleet.firestore.up", services.health(), h -> h.reachable() ? 1 : 0)
                .description("1 while Firestore answers, 0 while the fleet runs degraded on the volume alone").register(meters);
        Gauge.builder("wafleet.firestore.leases.held", services.keeper(), LeaseKeeper::heldCount)
                .description("accounts whose lease this process holds").register(meters);
        return services;
    }

    @Bean
    Coordination coordination(ObjectProvider<FirestoreServices> firestore) {
        return firestore.stream().findFirst().map(FirestoreServices::coordination).orElseGet(Coordination::volumeOnly);
    }

    @Bean
    FleetCoordinator fleetCoordinator(ObjectProvider<FirestoreServices> firestore, Fleet fleet, SessionsVolume volume,
                                      AccountConnector connector, DisplayNames names, FleetSettings settings) {
        return firestore.stream().findFirst()
                .<FleetCoordinator>map(services -> new FirestoreCoordinator(services, services.restorer(volume, connector), fleet, names,
                        settings.accounts()))
                .orElseGet(() -> FleetCoordinator.volumeOnly(fleet));
    }

    /**
     * Adopting a Baileys folder: the old service's {@code accounts/{oldId}} document may name the slot. When
     * Firestore cannot be read at that moment the lookup yields nothing and the chooser falls back to the lowest
     * free slot, logged so the operator can correct it with {@code WA_IMPORT_MAP} before the next adoption.
     */
    @Bean
    @ConditionalOnBean(FirestoreSettings.class)
    LegacySlotNames legacySlotNames(FirestoreServices services, FleetSettings settings) {
        Set<AccountId> slots = Set.copyOf(settings.accounts());
        return oldId -> {
            try {
                return services.metadata().legacySlotOf(oldId, slots);
            } catch (RuntimeException e) {
                log.warn("the old service's record of an adopted account could not be read ({}); choosing its slot without it",
                        e.getClass().getSimpleName());
                return Optional.empty();
            }
        };
    }

    /** Firestore's state in {@code /actuator/health}: always UP (an outage must not restart the process), with details. */
    @Bean
    @ConditionalOnBean(FirestoreServices.class)
    HealthIndicator firestoreHealthIndicator(FirestoreServices services) {
        return () -> Health.up()
                .withDetail("firestore", services.health().status())
                .withDetail("since", services.health().since().toString())
                .withDetail("leasesHeld", services.keeper().heldCount())
                .build();
    }
}
