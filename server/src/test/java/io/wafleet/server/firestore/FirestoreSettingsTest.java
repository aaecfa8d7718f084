package io.wafleet.server.firestore;

import io.wafleet.server.config.EnvironmentVariables;
import io.wafleet.server.config.SettingsException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FirestoreSettingsTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void withoutServiceAccountOrEmulatorTheFleetRunsOnTheVolumeAlone() {
        assertThat(FirestoreSettings.parse(EnvironmentVariables.of(Map.of()))).isEmpty();
        assertThat(FirestoreSettings.parse(EnvironmentVariables.of(Map.of("SESSIONS_BACKUP_KEY", KEY)))).isEmpty();
    }

    @Test
    void theEmulatorNeedsAProjectAndDefaultsAreTheDocumentedOnes() {
        FirestoreSettings settings = FirestoreSettings.parse(EnvironmentVariables.of(Map.of(
                "FIRESTORE_EMULATOR_HOST", "127.0.0.1:8080", "GOOGLE_CLOUD_PROJECT", "demo-wa"))).orElseThrow();
        assertThat(settings.access()).isEqualTo(new FirestoreAccess.Emulator("127.0.0.1:8080", "demo-wa"));
        assertThat(settings.prefix()).isEqualTo("wa_fleet_");
        assertThat(settings.leaseTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.renewEvery()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.lostAfter()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.backupKey()).isEmpty();

        assertThatThrownBy(() -> FirestoreSettings.parse(EnvironmentVariables.of(Map.of("FIRESTORE_EMULATOR_HOST", "127.0.0.1:8080"))))
                .isInstanceOf(SettingsException.class).hasMessageStartingWith("GOOGLE_CLOUD_PROJECT:");
    }

    @Test
    void aBackupKeyOfTheWrongLengthStopsTheStartWithAClearMessage() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> FirestoreSettings.parse(EnvironmentVariables.of(Map.of("SESSIONS_BACKUP_KEY", shortKey))))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("SESSIONS_BACKUP_KEY:").hasMessageContaining("32 bytes").hasMessageContaining("is 16 bytes")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> FirestoreSettings.parse(EnvironmentVariables.of(Map.of("SESSIONS_BACKUP_KEY", "not base64!"))))
                .isInstanceOf(SettingsException.class).hasMessageContaining("not base64");
    }

    @Test
    void theServiceAccountJsonGivesTheProjectAndNeverAppearsInMessages() {
        String json = "{\"type\":\"service_account\",\"project_id\":\"fleet-prod\",\"private_key\":\"-----BEGIN PRIVATE KEY-----secret\"}";
        FirestoreSettings settings = FirestoreSettings.parse(EnvironmentVariables.of(Map.of(
                "FIREBASE_SERVICE_ACCOUNT_JSON", json, "SESSIONS_BACKUP_KEY", KEY))).orElseThrow();
        assertThat(settings.access().projectId()).isEqualTo("fleet-prod");
        assertThat(settings.access().toString()).doesNotContain("secret");
        assertThat(settings.backupKey().orElseThrow().toString()).doesNotContain(KEY);

        assertThatThrownBy(() -> FirestoreSettings.parse(EnvironmentVariables.of(Map.of(
                "FIREBASE_SERVICE_ACCOUNT_JSON", "{\"private_key\":\"secret\"}"))))
                .isInstanceOf(SettingsException.class).hasMessageContaining("project_id").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> FirestoreSettings.parse(EnvironmentVariables.of(Map.of(
                "FIREBASE_SERVICE_ACCOUNT_JSON", "secret-not-json"))))
                .isInstanceOf(SettingsException.class).hasMessageNotContaining("secret-not-json");
    }

    @Test
    void malformedTuningNamesTheVariable() {
        assertThatThrownBy(() -> FirestoreSettings.parse(EnvironmentVariables.of(Map.of(
                "FIRESTORE_EMULATOR_HOST", "h:1", "GOOGLE_CLOUD_PROJECT", "p", "WA_LEASE_TTL_SECONDS", "1"))))
                .isInstanceOf(SettingsException.class).hasMessageStartingWith("WA_LEASE_TTL_SECONDS:");
        assertThatThrownBy(() -> FirestoreSettings.parse(EnvironmentVariables.of(Map.of(
                "FIRESTORE_EMULATOR_HOST", "h:1", "GOOGLE_CLOUD_PROJECT", "p", "WA_FIRESTORE_PREFIX", "../x"))))
                .isInstanceOf(SettingsException.class).hasMessageStartingWith("WA_FIRESTORE_PREFIX:");
    }
}
