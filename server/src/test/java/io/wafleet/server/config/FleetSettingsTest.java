package io.wafleet.server.config;

import io.wafleet.server.registry.AccountId;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FleetSettingsTest {

    private static final String TOKEN = "0123456789abcdef0123";

    private static FleetSettings parse(String... keyValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return FleetSettings.parse(EnvironmentVariables.of(env));
    }

    private static void rejects(String variable, String... keyValues) {
        assertThatThrownBy(() -> parse(keyValues))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.variable()).isEqualTo(variable))
                .hasMessageStartingWith(variable + ": ");
    }

    @Test
    void defaultsOffRailway() {
        FleetSettings settings = parse("ADMIN_TOKEN", TOKEN);
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.sessions().path()).isEqualTo(Path.of("data", "sessions").toAbsolutePath());
        assertThat(settings.sessions().source()).contains("default");
        assertThat(settings.accounts()).hasSize(30).startsWith(AccountId.of("WA-01")).endsWith(AccountId.of("WA-30"));
        assertThat(settings.logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(settings.demo()).isFalse();
        assertThat(settings.alertWebhook()).isEmpty();
        assertThat(settings.tuning()).isEqualTo(Tuning.defaults());
    }

    @Test
    void sessionsPathPrefersTheExplicitVariableThenTheRailwayVolume() {
        assertThat(parse("ADMIN_TOKEN", TOKEN, "SESSIONS_PATH", "/srv/s", "RAILWAY_VOLUME_MOUNT_PATH", "/data")
                .sessions()).isEqualTo(new SessionsLocation(Path.of("/srv/s"), "SESSIONS_PATH"));
        FleetSettings railway = parse("ADMIN_TOKEN", TOKEN, "RAILWAY_VOLUME_MOUNT_PATH", "/data", "RAILWAY_PROJECT_ID", "p");
        assertThat(railway.sessions()).isEqualTo(new SessionsLocation(Path.of("/data/sessions"), "RAILWAY_VOLUME_MOUNT_PATH"));
        assertThat(railway.onRailway()).isTrue();
    }

    @Test
    void onRailwayWithoutAVolumeNeverFallsBackToTheContainerDisk() {
        rejects("SESSIONS_PATH", "ADMIN_TOKEN", TOKEN, "RAILWAY_ENVIRONMENT", "production");
        rejects("SESSIONS_PATH", "ADMIN_TOKEN", TOKEN, "RAILWAY_SERVICE_ID", "s");
    }

    @Test
    void adminTokenIsRequiredOutsideDemoModeAndGeneratedInIt() {
        rejects("ADMIN_TOKEN");
        rejects("ADMIN_TOKEN", "ADMIN_TOKEN", "short");
        rejects("ADMIN_TOKEN", "ADMIN_TOKEN", "with space inside the token");
        AdminToken generated = parse("WA_DEMO", "true").adminToken();
        assertThat(generated.generated()).isTrue();
        assertThat(generated.reveal()).hasSizeGreaterThanOrEqualTo(AdminToken.MIN_LENGTH);
        assertThat(generated.toString()).doesNotContain(generated.reveal());
        assertThat(parse("WA_DEMO", "true", "ADMIN_TOKEN", TOKEN).adminToken().generated()).isFalse();
    }

    @Test
    void tokenComparisonIsExact() {
        AdminToken token = AdminToken.of(TOKEN);
        assertThat(token.matches(TOKEN)).isTrue();
        assertThat(token.matches(TOKEN + "x")).isFalse();
        assertThat(token.matches(TOKEN.substring(1))).isFalse();
        assertThat(token.matches(null)).isFalse();
        assertThat(token.toString()).doesNotContain(TOKEN);
    }

    @Test
    void accountsAreACountOrAList() {
        assertThat(parse("ADMIN_TOKEN", TOKEN, "WA_ACCOUNTS", "3").accounts())
                .containsExactly(AccountId.of("WA-01"), AccountId.of("WA-02"), AccountId.of("WA-03"));
        assertThat(parse("ADMIN_TOKEN", TOKEN, "WA_ACCOUNTS", "sales, support_2").accounts())
                .containsExactly(AccountId.of("sales"), AccountId.of("support_2"));
        rejects("WA_ACCOUNTS", "ADMIN_TOKEN", TOKEN, "WA_ACCOUNTS", "0");
        rejects("WA_ACCOUNTS", "ADMIN_TOKEN", TOKEN, "WA_ACCOUNTS", "100");
        rejects("WA_ACCOUNTS", "ADMIN_TOKEN", TOKEN, "WA_ACCOUNTS", "a,../b");
        rejects("WA_ACCOUNTS", "ADMIN_TOKEN", TOKEN, "WA_ACCOUNTS", "a,a");
        rejects("WA_ACCOUNTS", "ADMIN_TOKEN", TOKEN, "WA_ACCOUNTS", "a,,b");
    }

    @Test
    void malformedValuesNameTheirVariable() {
        rejects("PORT", "ADMIN_TOKEN", TOKEN, "PORT", "http");
        rejects("PORT", "ADMIN_TOKEN", TOKEN, "PORT", "70000");
        rejects("LOG_FORMAT", "ADMIN_TOKEN", TOKEN, "LOG_FORMAT", "xml");
        rejects("WA_DEMO", "ADMIN_TOKEN", TOKEN, "WA_DEMO", "maybe");
        rejects("WA_SERVER_URL", "ADMIN_TOKEN", TOKEN, "WA_SERVER_URL", "http://example.com");
        rejects("WA_SERVER_URL", "ADMIN_TOKEN", TOKEN, "WA_SERVER_URL", "ws://bad host");
        rejects("WA_TRUSTED_ROOT_KEY", "ADMIN_TOKEN", TOKEN, "WA_TRUSTED_ROOT_KEY", "abcd");
        rejects("WA_TRUSTED_ROOT_KEY", "ADMIN_TOKEN", TOKEN, "WA_TRUSTED_ROOT_KEY", "zz".repeat(32));
        rejects("ALERT_WEBHOOK_URL", "ADMIN_TOKEN", TOKEN, "ALERT_WEBHOOK_URL", "ftp://x", "ALERT_WEBHOOK_SECRET", "s");
        rejects("ALERT_WEBHOOK_SECRET", "ADMIN_TOKEN", TOKEN, "ALERT_WEBHOOK_URL", "https://hooks.example/a");
        rejects("ALERT_WEBHOOK_SECRET", "ADMIN_TOKEN", TOKEN, "ALERT_WEBHOOK_SECRET", "s");
        rejects("WA_HANDSHAKES_IN_FLIGHT", "ADMIN_TOKEN", TOKEN, "WA_HANDSHAKES_IN_FLIGHT", "-1");
        rejects("WA_QR_TIMEOUT_SECONDS", "ADMIN_TOKEN", TOKEN, "WA_QR_TIMEOUT_SECONDS", "5");
    }

    @Test
    void simulatorAndAlertSettingsParse() {
        FleetSettings settings = parse("ADMIN_TOKEN", TOKEN, "WA_SERVER_URL", "ws://127.0.0.1:9000/ws/chat",
                "WA_TRUSTED_ROOT_KEY", "AB".repeat(32), "ALERT_WEBHOOK_URL", "https://hooks.example/a",
                "ALERT_WEBHOOK_SECRET", "hush-hush", "LOG_FORMAT", "JSON", "WA_QR_TIMEOUT_SECONDS", "120", "PORT", " 9090 ");
        assertThat(settings.serverUrl()).hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(9000));
        assertThat(settings.trustedRootKeyHex()).contains("ab".repeat(32));
        assertThat(settings.alertWebhook()).hasValueSatisfying(w -> assertThat(w.toString()).doesNotContain("hush"));
        assertThat(settings.logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(settings.tuning().qrTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.port()).isEqualTo(9090);
    }

    @Test
    void messagingSettingsParseWithModestDefaults() {
        MessagingSettings defaults = parse("ADMIN_TOKEN", TOKEN).messaging();
        assertThat(defaults.webhook()).isEmpty();
        assertThat(defaults.sendRatePerMinute()).isEqualTo(MessagingSettings.DEFAULT_SEND_RATE_PER_MINUTE);
        assertThat(defaults.outboxCapacity()).isEqualTo(MessagingSettings.DEFAULT_OUTBOX_CAPACITY);

        MessagingSettings set = parse("ADMIN_TOKEN", TOKEN, "WEBHOOK_URL", "https://hooks.example/m", "WEBHOOK_SECRET", "psst",
                "WA_SEND_RATE_PER_MINUTE", "6", "WA_OUTBOX_CAPACITY", "50").messaging();
        assertThat(set.webhook()).hasValueSatisfying(w -> assertThat(w.toString()).doesNotContain("psst"));
        assertThat(set.sendRatePerMinute()).isEqualTo(6);
        assertThat(set.outboxCapacity()).isEqualTo(50);

        rejects("WEBHOOK_SECRET", "ADMIN_TOKEN", TOKEN, "WEBHOOK_URL", "https://hooks.example/m");
        rejects("WEBHOOK_SECRET", "ADMIN_TOKEN", TOKEN, "WEBHOOK_SECRET", "psst");
        rejects("WEBHOOK_URL", "ADMIN_TOKEN", TOKEN, "WEBHOOK_URL", "hooks.example", "WEBHOOK_SECRET", "psst");
        rejects("WA_SEND_RATE_PER_MINUTE", "ADMIN_TOKEN", TOKEN, "WA_SEND_RATE_PER_MINUTE", "0");
        rejects("WA_OUTBOX_CAPACITY", "ADMIN_TOKEN", TOKEN, "WA_OUTBOX_CAPACITY", "1000001");
    }
}
