package io.wafleet.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.wafleet.server.supervisor.AccountSnapshot;
import io.wafleet.server.supervisor.AccountState;
import io.wafleet.server.supervisor.QrOffer;
import io.wafleet.server.supervisor.Transition;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One account on the wire (dashboard, API, SSE). Absent values are JSON {@code null}, as the dashboard expects;
 * the phone is masked; {@code qrCode} is a PNG data URL while a QR is offered; {@code alias} is the account's id
 * in the Baileys service it was adopted from.
 */
public record AccountView(
        String accountId,
        String alias,
        String name,
        String phone,
        String status,
        String reason,
        String since,
        String lastEventAt,
        String lastConnectedAt,
        long reconnectCount,
        int reconnectAttempts,
        String nextRetryAt,
        boolean needsQR,
        String qrCode,
        String qrExpiresAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<HistoryEntry> history) {

    /** One past transition. */
    public record HistoryEntry(String from, String to, String reason, String at) {
        static HistoryEntry of(Transition t) {
            return new HistoryEntry(t.from().name(), t.to().name(), t.reason(), t.at().toString());
        }
    }

    static AccountView of(AccountSnapshot s, QrImages images, boolean withHistory) {
        Optional<QrOffer> qr = s.qr();
        return new AccountView(
                s.id().value(),
                s.alias().orElse(null),
                s.displayName(),
                s.maskedPhone().orElse(null),
                s.state().name(),
                s.reason(),
                s.since().toString(),
                text(s.lastEventAt()),
                text(s.lastConnectedAt()),
                s.reconnectCount(),
                s.reconnectAttempts(),
                text(s.nextRetryAt()),
                s.state() == AccountState.QR_REQUIRED || s.state() == AccountState.LOGGED_OUT,
                qr.map(offer -> images.dataUrl(offer.code())).orElse(null),
                qr.map(offer -> offer.expiresAt().toString()).orElse(null),
                withHistory ? s.history().stream().map(HistoryEntry::of).toList() : null);
    }

    private static String text(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }
}
