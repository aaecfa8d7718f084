package io.wafleet.server.config;

import io.wafleet.server.registry.AccountId;
import io.wafleet.server.registry.InvalidAccountIdException;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Everything the server reads from its environment, parsed and validated in one place. A missing required value
 * or a malformed one fails with a {@link SettingsException} naming the variable, so a bad deploy stops at start
 * instead of running half-configured.
 *
 * @param trustedRootKeyHex the simulator's root public key (hex), only when pointing at a simulator
 */
public record FleetSettings(
        int port,
        SessionsLocation sessions,
        boolean onRailway,
        AdminToken adminToken,
        List<AccountId> accounts,
        Optional<URI> serverUrl,
        Optional<String> trustedRootKeyHex,
        Optional<AlertWebhook> alertWebhook,
        LogFormat logFormat,
        boolean demo,
        Tuning tuning,
        MessagingSettings messaging) {

    /** Variables whose presence means the process runs on Railway (any one is enough). */
    static final List<String> RAILWAY_MARKERS = List.of(
            "RAILWAY_ENVIRONMENT", "RAILWAY_ENVIRONMENT_ID", "RAILWAY_ENVIRONMENT_NAME",
            "RAILWAY_PROJECT_ID", "RAILWAY_SERVICE_ID", "RAILWAY_DEPLOYMENT_ID");

    public FleetSettings {
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(adminToken, "adminToken");
        accounts = List.copyOf(accounts);
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(trustedRootKeyHex, "trustedRootKeyHex");
        Objects.requireNonNull(alertWebhook, "alertWebhook");
        Objects.requireNonNull(logFormat, "logFormat");
        Objects.requireNonNull(tuning, "tuning");
        Objects.requireNonNull(messaging, "messaging");
    }

    public static FleetSettings parse(EnvironmentVariables env) {
        return parse(env, new SecureRandom());
    }

    static FleetSettings parse(EnvironmentVariables env, SecureRandom random) {
        boolean onRailway = RAILWAY_MARKERS.stream().anyMatch(name -> env.get(name).isPresent());
        boolean demo = bool(env, "WA_DEMO", false);
        Tuning defaults = Tuning.defaults();
        Tuning tuning = new Tuning(
                integer(env, "WA_HANDSHAKES_IN_FLIGHT", defaults.handshakesInFlight(), 1, 1000),
                integer(env, "WA_HANDSHAKES_PER_SECOND", defaults.handshakesPerSecond(), 1, 1000),
                Duration.ofSeconds(integer(env, "WA_QR_TIMEOUT_SECONDS", (int) defaults.qrTimeout().toSeconds(), 20, 3600)),
                Duration.ofSeconds(integer(env, "WA_CONNECT_TIMEOUT_SECONDS", (int) defaults.connectTimeout().toSeconds(), 5, 600)),
                integer(env, "WA_FLAP_ALERT_PER_HOUR", defaults.flapAlertPerHour(), 2, 1000));
        return new FleetSettings(
                integer(env, "PORT", 8080, 0, 65535),
                sessions(env, onRailway),
                onRailway,
                adminToken(env, demo, random),
                accounts(env),
                serverUrl(env),
                rootKey(env),
                webhook(env, "ALERT_WEBHOOK_URL", "ALERT_WEBHOOK_SECRET", "alerts"),
                logFormat(env),
                demo,
                tuning,
                new MessagingSettings(
                        webhook(env, "WEBHOOK_URL", "WEBHOOK_SECRET", "inbound messages and status changes"),
                        integer(env, "WA_SEND_RATE_PER_MINUTE", MessagingSettings.DEFAULT_SEND_RATE_PER_MINUTE, 1, 6000),
                        integer(env, "WA_OUTBOX_CAPACITY", MessagingSettings.DEFAULT_OUTBOX_CAPACITY, 1, 100_000)));
    }

    private static SessionsLocation sessions(EnvironmentVariables env, boolean onRailway) {
        Optional<String> explicit = env.get("SESSIONS_PATH");
        if (explicit.isPresent()) {
            return new SessionsLocation(path("SESSIONS_PATH", explicit.get()), "SESSIONS_PATH");
        }
        Optional<String> volume = env.get("RAILWAY_VOLUME_MOUNT_PATH");
        if (volume.isPresent()) {
            return new SessionsLocation(path("RAILWAY_VOLUME_MOUNT_PATH", volume.get()).resolve("sessions"),
                    "RAILWAY_VOLUME_MOUNT_PATH");
        }
        if (onRailway) {
            // The container's own disk is wiped on every deploy: running from it is how sessions get lost.
            throw new SettingsException("SESSIONS_PATH",
                    "not set, and no Railway volume is attached (RAILWAY_VOLUME_MOUNT_PATH is unset). "
                            + "Attach a volume to this service (mount path /data) or set SESSIONS_PATH to a path on one.");
        }
        return new SessionsLocation(Path.of("data", "sessions").toAbsolutePath(), "default ./data/sessions");
    }

    private static Path path(String variable, String value) {
        try {
            return Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new SettingsException(variable, "not a valid path: " + e.getReason());
        }
    }

    private static AdminToken adminToken(EnvironmentVariables env, boolean demo, SecureRandom random) {
        Optional<String> token = env.get("ADMIN_TOKEN");
        if (token.isEmpty()) {
            if (demo) {
                return AdminToken.generate(random);
            }
            throw new SettingsException("ADMIN_TOKEN",
                    "required: set it to a long random secret (for example `openssl rand -hex 32`); "
                            + "the API and the dashboard ask for it.");
        }
        if (token.get().length() < AdminToken.MIN_LENGTH) {
            throw new SettingsException("ADMIN_TOKEN",
                    "too short: use at least " + AdminToken.MIN_LENGTH + " characters (for example `openssl rand -hex 32`).");
        }
        if (!token.get().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new SettingsException("ADMIN_TOKEN", "must be printable ASCII without spaces (it travels in an HTTP header).");
        }
        return AdminToken.of(token.get());
    }

    private static List<AccountId> accounts(EnvironmentVariables env) {
        Optional<String> value = env.get("WA_ACCOUNTS");
        if (value.isEmpty()) {
            return slots(30);
        }
        String raw = value.get();
        if (raw.chars().allMatch(Character::isDigit)) {
            int count = parseInt("WA_ACCOUNTS", raw, 1, 99);
            return slots(count);
        }
        Set<AccountId> ids = new LinkedHashSet<>();
        for (String part : raw.split(",", -1)) {
            String id = part.strip();
            try {
                if (!ids.add(AccountId.of(id))) {
                    throw new SettingsException("WA_ACCOUNTS", "lists '" + id + "' twice.");
                }
            } catch (InvalidAccountIdException e) {
                throw new SettingsException("WA_ACCOUNTS",
                        "expected a count (30 gives WA-01..WA-30) or a comma-separated list of ids; " + e.getMessage());
            }
        }
        return new ArrayList<>(ids);
    }

    private static List<AccountId> slots(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(AccountId::slot).toList();
    }

    private static Optional<URI> serverUrl(EnvironmentVariables env) {
        return env.get("WA_SERVER_URL").map(value -> {
            URI uri = uri("WA_SERVER_URL", value);
            if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new SettingsException("WA_SERVER_URL", "expected a ws:// or wss:// URL with a host, got '" + value + "'.");
            }
            return uri;
        });
    }

    private static Optional<String> rootKey(EnvironmentVariables env) {
        return env.get("WA_TRUSTED_ROOT_KEY").map(value -> {
            byte[] key = decodeKey(value);
            if (key.length != 32) {
                throw new SettingsException("WA_TRUSTED_ROOT_KEY",
                        "expected a 32-byte Curve25519 public key as 64 hex characters or base64, got " + key.length + " bytes.");
            }
            return HexFormat.of().formatHex(key);
        });
    }

    private static byte[] decodeKey(String value) {
        try {
            return value.length() == 64 ? HexFormat.of().parseHex(value) : Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new SettingsException("WA_TRUSTED_ROOT_KEY", "neither hex nor base64.");
        }
    }

    /** A signed webhook: both variables or neither. */
    private static Optional<AlertWebhook> webhook(EnvironmentVariables env, String urlVariable, String secretVariable,
                                                  String what) {
        Optional<String> url = env.get(urlVariable);
        Optional<String> secret = env.get(secretVariable);
        if (url.isEmpty()) {
            if (secret.isPresent()) {
                throw new SettingsException(secretVariable, "set without " + urlVariable + ": set both or neither.");
            }
            return Optional.empty();
        }
        URI uri = uri(urlVariable, url.get());
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new SettingsException(urlVariable, "expected an http:// or https:// URL with a host.");
        }
        if (secret.isEmpty()) {
            throw new SettingsException(secretVariable,
                    "required when " + urlVariable + " is set: " + what + " are signed with it (HMAC-SHA256).");
        }
        return Optional.of(new AlertWebhook(uri, secret.get()));
    }

    private static LogFormat logFormat(EnvironmentVariables env) {
        String value = env.get("LOG_FORMAT").orElse("text").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "text" -> LogFormat.TEXT;
            case "json" -> LogFormat.JSON;
            default -> throw new SettingsException("LOG_FORMAT", "expected 'text' or 'json', got '" + value + "'.");
        };
    }

    private static URI uri(String variable, String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new SettingsException(variable, "not a valid URL: " + e.getReason() + ".");
        }
    }

    private static boolean bool(EnvironmentVariables env, String variable, boolean fallback) {
        return env.get(variable).map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new SettingsException(variable, "expected true or false, got '" + value + "'.");
        }).orElse(fallback);
    }

    private static int integer(EnvironmentVariables env, String variable, int fallback, int min, int max) {
        return env.get(variable).map(value -> parseInt(variable, value, min, max)).orElse(fallback);
    }

    private static int parseInt(String variable, String value, int min, int max) {
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new SettingsException(variable, "expected a whole number between " + min + " and " + max + ", got '" + value + "'.");
        }
        if (parsed < min || parsed > max) {
            throw new SettingsException(variable, "expected a whole number between " + min + " and " + max + ", got " + parsed + ".");
        }
        return parsed;
    }
}
