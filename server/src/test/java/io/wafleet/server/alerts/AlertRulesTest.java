package io.wafleet.server.alerts;

import io.wafleet.server.registry.AccountId;
import io.wafleet.server.supervisor.AccountState;
import io.wafleet.server.supervisor.Transition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlertRulesTest {

    private final List<Alert> sent = new ArrayList<>();
    private final AlertRules rules = new AlertRules(sent::add, 3);
    private final AccountId id = AccountId.of("WA-02");
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    private void go(AccountState from, AccountState to, String reason) {
        rules.onTransition(null, new Transition(id, from, to, reason, now));
    }

    @Test
    void statesThatNeedAHumanAlert() {
        go(AccountState.CONNECTED, AccountState.LOGGED_OUT, "401 device-removed");
        go(AccountState.CONNECTED, AccountState.BANNED, "402 temporary-ban");
        go(AccountState.CONNECTED, AccountState.CONFLICT, "440 conflict:replaced");
        go(AccountState.QR_REQUIRED, AccountState.STOPPED, "qr-timeout");
        go(AccountState.CONNECTED, AccountState.DISCONNECTED, "405 client-outdated");
        go(AccountState.CONNECTED, AccountState.STOPPED, "operator-stop");
        go(AccountState.CONNECTING, AccountState.CONNECTED, "logged-in");
        assertThat(sent).extracting(Alert::kind).containsExactly(AlertKind.LOGGED_OUT, AlertKind.BANNED,
                AlertKind.CONFLICT, AlertKind.QR_TIMEOUT, AlertKind.CLIENT_OUTDATED);
        assertThat(sent.getFirst().account()).contains(id);
        assertThat(sent.getFirst().reason()).isEqualTo("401 device-removed");
    }

    @Test
    void flappingAlertsOncePerHour() {
        for (int i = 0; i < 10; i++) {
            go(AccountState.CONNECTED, AccountState.DISCONNECTED, "428 connection-closed");
            now = now.plus(Duration.ofMinutes(1));
        }
        assertThat(sent).extracting(Alert::kind).containsExactly(AlertKind.FLAPPING);
        now = now.plus(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            go(AccountState.CONNECTED, AccountState.DISCONNECTED, "428 connection-closed");
        }
        assertThat(sent).hasSize(2);
    }

    @Test
    void spreadOutDropsAreNotFlapping() {
        for (int i = 0; i < 10; i++) {
            go(AccountState.CONNECTED, AccountState.DISCONNECTED, "408 lost");
            now = now.plus(Duration.ofMinutes(31));
        }
        assertThat(sent).isEmpty();
    }
}
