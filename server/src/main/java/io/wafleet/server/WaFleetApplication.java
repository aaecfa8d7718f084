package io.wafleet.server;

import io.wafleet.server.adoption.AdoptionSettings;
import io.wafleet.server.config.EnvironmentVariables;
import io.wafleet.server.config.FleetSettings;
import io.wafleet.server.config.SettingsException;
import io.wafleet.server.firestore.FirestoreSettings;
import io.wafleet.server.storage.SessionsVolume;
import io.wafleet.server.storage.StorageCheckException;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The launcher. Settings and the sessions volume are checked before Spring starts, so a wrong variable or an
 * unusable volume ends the process at once with one line naming the variable, the path and the fix
 * (exit 2: configuration, exit 3: storage) instead of a stack trace.
 */
@SpringBootApplication
public class WaFleetApplication {

    static final int EXIT_CONFIGURATION = 2;
    static final int EXIT_STORAGE = 3;

    public static void main(String[] args) {
        HttpClientBuffers.applyDefaults();
        FleetSettings settings;
        Optional<FirestoreSettings> firestore;
        AdoptionSettings adoption;
        SessionsVolume volume;
        try {
            settings = FleetSettings.parse(processEnvironment());
            firestore = FirestoreSettings.parse(processEnvironment());
            adoption = AdoptionSettings.parse(processEnvironment(), settings.accounts());
        } catch (SettingsException e) {
            System.err.println("wa-fleet cannot start: " + e.getMessage());
            System.exit(EXIT_CONFIGURATION);
            return;
        }
        try {
            volume = SessionsVolume.open(settings.sessions(), Clock.systemUTC());
        } catch (StorageCheckException e) {
            System.err.println("wa-fleet cannot start: " + e.getMessage());
            System.exit(EXIT_STORAGE);
            return;
        }
        Termination.exitZeroOnSigterm();
        try {
            application(settings, volume, firestore, adoption).run(args);
        } catch (RuntimeException e) {
            volume.close();
            System.exit(1); // Spring has already logged why
        }
    }

    /**
     * The Spring application with the checked settings and the locked volume registered as beans; what
     * {@link #main} runs, and what end-to-end tests run in-process.
     */
    public static SpringApplication application(FleetSettings settings, SessionsVolume volume) {
        return application(settings, volume, Optional.empty(), AdoptionSettings.defaults());
    }

    /** As above, with Firestore (metadata, backups, leases) when {@code firestore} is present. */
    public static SpringApplication application(FleetSettings settings, SessionsVolume volume, Optional<FirestoreSettings> firestore) {
        return application(settings, volume, firestore, AdoptionSettings.defaults());
    }

    /**
     * As above, also with how the old Baileys service's accounts are adopted ({@code BAILEYS_AUTH_PATH},
     * {@code WA_IMPORT_MAP}).
     */
    public static SpringApplication application(FleetSettings settings, SessionsVolume volume,
                                                Optional<FirestoreSettings> firestore, AdoptionSettings adoption) {
        SpringApplication application = new SpringApplication(WaFleetApplication.class);
        application.setDefaultProperties(Map.of(
                "server.port", settings.port(),
                "wafleet.log-format", settings.logFormat().name().toLowerCase(Locale.ROOT),
                "wafleet.demo", settings.demo()));
        application.addInitializers(context -> {
            DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
            beans.registerSingleton("fleetSettings", settings);
            beans.registerSingleton("sessionsVolume", volume);
            firestore.ifPresent(value -> beans.registerSingleton("firestoreSettings", value));
            beans.registerSingleton("adoptionSettings", adoption);
            // Released last, after the fleet closed every store.
            beans.registerDisposableBean("sessionsVolume", volume::close);
        });
        return application;
    }

    static EnvironmentVariables processEnvironment() {
        return name -> Optional.ofNullable(System.getenv(name));
    }
}
