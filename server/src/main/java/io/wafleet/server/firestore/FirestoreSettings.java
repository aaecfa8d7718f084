package io.wafleet.server.firestore;

import io.wafleet.server.config.EnvironmentVariables;
import io.wafleet.server.config.SettingsException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Firestore side of the configuration. Absent (no service account, no emulator) means the fleet runs on the
 * volume alone, exactly as without this package.
 *
 * @param prefix    prefix of wa-fleet's own collections ({@code wa_fleet_} by default); the old service's
 *                  collections are never written
 * @param leaseTtl  how long a lease lasts without renewal; a dead process's accounts move after at most this long
 * @param instance  this process's name in the leases ({@code WA_FLEET_INSTANCE}); by default one is made once per
 *                  volume and kept on it, so a restart on the same volume is recognised as the same owner
 * @param backupKey the session backup key; without it, accounts are not backed up and cannot move between processes
 */
public record FirestoreSettings(FirestoreAccess access, String prefix, Duration leaseTtl, Optional<String> instance,
                                Optional<BackupKey> backupKey) {

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_]{0,32}");
    private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public FirestoreSettings {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(leaseTtl, "leaseTtl");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(backupKey, "backupKey");
    }

    /**
     * Reads the variables. A malformed one fails with a {@link SettingsException} naming it, also when Firestore is
     * off: a backup key of the wrong length is a mistake worth stopping for wherever it is set.
     */
    public static Optional<FirestoreSettings> parse(EnvironmentVariables env) {
        Optional<BackupKey> key = env.get(BackupKey.VARIABLE).map(BackupKey::parse);
        String prefix = env.get("WA_FIRESTORE_PREFIX").orElse("wa_fleet_");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new SettingsException("WA_FIRESTORE_PREFIX", "must be up to 32 letters, digits or underscores, e.g. wa_fleet_");
        }
        Duration ttl = Duration.ofSeconds(seconds(env, "WA_LEASE_TTL_SECONDS", 30, 3, 600));
        Optional<String> instance = env.get("WA_FLEET_INSTANCE");
        if (instance.isPresent() && !INSTANCE.matcher(instance.get()).matches()) {
            throw new SettingsException("WA_FLEET_INSTANCE", "must be 1 to 64 letters, digits, '-' or '_'");
        }
        return access(env).map(access -> new FirestoreSettings(access, prefix, ttl, instance, key));
    }

    private static Optional<FirestoreAccess> access(EnvironmentVariables env) {
        Optional<String> json = env.get("FIREBASE_SERVICE_ACCOUNT_JSON");
        if (json.isPresent()) {
            return Optional.of(new FirestoreAccess.ServiceAccount(projectOf(json.get()), json.get()));
        }
        Optional<String> emulator = env.get("FIRESTORE_EMULATOR_HOST");
        if (emulator.isEmpty()) {
            return Optional.empty();
        }
        String project = env.get("GOOGLE_CLOUD_PROJECT").orElseThrow(() -> new SettingsException("GOOGLE_CLOUD_PROJECT",
                "is required with FIRESTORE_EMULATOR_HOST (any project id, e.g. demo-wa-fleet)"));
        return Optional.of(new FirestoreAccess.Emulator(emulator.get(), project));
    }

    /** The project id inside the service-account JSON; the JSON itself never appears in the message. */
    private static String projectOf(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            JsonNode project = node == null ? null : node.get("project_id");
            if (project == null || !project.isString() || project.asString().isBlank()) {
                throw new SettingsException("FIREBASE_SERVICE_ACCOUNT_JSON", "has no project_id: paste the whole service-account key JSON");
            }
            return project.asString();
        } catch (JacksonException e) {
            throw new SettingsException("FIREBASE_SERVICE_ACCOUNT_JSON", "is not JSON: paste the whole service-account key file's content");
        }
    }

    private static int seconds(EnvironmentVariables env, String name, int fallback, int min, int max) {
        Optional<String> raw = env.get(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the range
        }
        throw new SettingsException(name, "must be a whole number of seconds from " + min + " to " + max);
    }

    /** A third of the TTL: how often held leases are renewed and free ones looked for. */
    public Duration renewEvery() {
        return leaseTtl.dividedBy(3);
    }

    /** Two thirds of the TTL without a successful renewal: the lease is treated as lost. */
    public Duration lostAfter() {
        return leaseTtl.multipliedBy(2).dividedBy(3);
    }
}
