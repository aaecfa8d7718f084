package io.wafleet.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.wafleet.protocol.client.DisconnectReason.Category;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DisconnectClassifierTest {
    private static final Instant NOW = Instant.parse("2026-11-27T07:00:00Z");

    @ParameterizedTest(name = "stream:error code={0} child={1} conflict={2} -> {3} {4}")
    @CsvSource(nullValues = "-", value = {
        "515, -,        -,              RESTART_REQUIRED,  515",
        "503, -,        -,              TRANSIENT,         503",
        "500, -,        -,              TRANSIENT,         500",
        "-,   conflict, replaced,       STREAM_REPLACED,   440",
        "440, -,        -,              STREAM_REPLACED,   440",
        "401, conflict, device_removed, LOGGED_OUT,        401",
        "401, -,        -,              LOGGED_OUT,        401",
        "-,   xml-not-well-formed, -,   TRANSIENT,         500",
        "-,   ack,      -,              TRANSIENT,         500",
        "-,   conflict, -,              STREAM_REPLACED,   440",
        "abc, -,        -,              TRANSIENT,         500",
    })
    void streamErrors(String code, String child, String conflict, Category category, int status) {
        DisconnectReason reason = DisconnectClassifier.streamError(
                Optional.ofNullable(code), Optional.ofNullable(child), Optional.ofNullable(conflict));
        assertThat(reason.category()).isEqualTo(category);
        assertThat(reason.code()).isEqualTo(status);
        assertThat(reason.until()).isEmpty();
    }

    @ParameterizedTest(name = "failure reason={0} -> {1}")
    @CsvSource({
        "401, LOGGED_OUT",
        "403, LOGGED_OUT",
        "411, LOGGED_OUT",
        "405, CLIENT_OUTDATED",
        "406, BANNED",
        "408, TRANSIENT",
        "428, TRANSIENT",
        "500, TRANSIENT",
        "503, TRANSIENT",
        "400, TRANSIENT",
        "418, TRANSIENT",
    })
    void failures(String reason, Category category) {
        DisconnectReason result = DisconnectClassifier.failure(Optional.of(reason), Optional.empty(), Optional.empty(), NOW);
        assertThat(result.category()).isEqualTo(category);
        assertThat(result.code()).isEqualTo(Integer.parseInt(reason));
    }

    @Test
    void temporaryBanCarriesItsExpiryAndBanCode() {
        DisconnectReason reason = DisconnectClassifier.failure(Optional.of("402"), Optional.of("3600"), Optional.of("101"), NOW);
        assertThat(reason.category()).isEqualTo(Category.TEMPORARILY_BANNED);
        assertThat(reason.until()).contains(NOW.plusSeconds(3600));
        assertThat(reason.detail()).contains("101");
        assertThat(reason.category().reconnects()).isFalse();
    }

    @Test
    void temporaryBanWithoutExpiryHasNoEnd() {
        DisconnectReason reason = DisconnectClassifier.failure(Optional.of("402"), Optional.of("garbage"), Optional.empty(), NOW);
        assertThat(reason.category()).isEqualTo(Category.TEMPORARILY_BANNED);
        assertThat(reason.until()).isEmpty();
    }

    @Test
    void failureWithoutReasonIsAnInternalErrorAndTransient() {
        DisconnectReason reason = DisconnectClassifier.failure(Optional.empty(), Optional.empty(), Optional.empty(), NOW);
        assertThat(reason.code()).isEqualTo(500);
        assertThat(reason.category()).isEqualTo(Category.TRANSIENT);
    }

    @Test
    void transportLossesUseTheCodesBaileysReports() {
        assertThat(DisconnectClassifier.streamEnd().code()).isEqualTo(428);
        assertThat(DisconnectClassifier.transportClosed("tcp reset").code()).isEqualTo(428);
        assertThat(DisconnectClassifier.keepAliveTimeout().code()).isEqualTo(408);
        assertThat(DisconnectClassifier.connectTimeout("server-hello").code()).isEqualTo(408);
        assertThat(DisconnectClassifier.qrRefsExhausted().code()).isEqualTo(408);
        assertThat(DisconnectClassifier.keepAliveTimeout().category()).isEqualTo(Category.TRANSIENT);
    }

    @Test
    void onlyTransientAndRestartReconnectByThemselves() {
        for (Category category : Category.values()) {
            boolean expected = category == Category.TRANSIENT || category == Category.RESTART_REQUIRED;
            assertThat(category.reconnects()).as(category.name()).isEqualTo(expected);
        }
    }
}
