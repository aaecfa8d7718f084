package io.wafleet.server.registry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountIdTest {

    @Test
    void acceptsSlotsAndPlainTokens() {
        assertThat(AccountId.of("WA-07").value()).isEqualTo("WA-07");
        assertThat(AccountId.slot(30)).isEqualTo(AccountId.of("WA-30"));
        assertThat(AccountId.isValid("sales_RO-2")).isTrue();
        assertThat(AccountId.isValid("x".repeat(64))).isTrue();
    }

    @Test
    void rejectsAnythingThatCouldLeaveItsDirectory() {
        for (String bad : new String[] {"", "..", "../x", "a/b", "a\\b", ".hidden", "x".repeat(65), "été", "a b", "WA-01\u0000"}) {
            assertThat(AccountId.isValid(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> AccountId.of(bad)).isInstanceOf(InvalidAccountIdException.class);
        }
        assertThat(AccountId.isValid(null)).isFalse();
    }

    @Test
    void longOrOddIdsAreNotEchoedBack() {
        assertThatThrownBy(() -> AccountId.of("x".repeat(500))).hasMessageContaining("500 characters, not shown");
        assertThatThrownBy(() -> AccountId.of("\u202eevil")).hasMessageNotContaining("\u202e");
    }
}
