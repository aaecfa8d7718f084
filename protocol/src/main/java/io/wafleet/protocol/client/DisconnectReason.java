package io.wafleet.protocol.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a connection ended, classified once (by {@link DisconnectClassifier}) so that every consumer — the
 * supervisor's reconnect schedule, alerts, the dashboard — reacts to the same decision.
 *
 * @param category what the account's owner should do about it
 * @param code     the WhatsApp status code (stream error code, failure reason, or the Baileys-compatible code
 *                 for transport losses: 428 closed, 408 lost)
 * @param detail   a short machine-friendly explanation ("conflict:replaced", "keepalive-timeout", ...); never a secret
 * @param until    for a temporary ban, when it expires
 */
public record DisconnectReason(Category category, int code, String detail, Optional<Instant> until) {

    public DisconnectReason {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(until, "until");
    }

    public static DisconnectReason of(Category category, int code, String detail) {
        return new DisconnectReason(category, code, detail, Optional.empty());
    }

    /** What the disconnect means for the account, from "reconnect now" to "a human must act". */
    public enum Category {
        /** Network loss, keepalive timeout, 408/428/500/503 and unknown codes: reconnect with backoff, forever. */
        TRANSIENT(true),
        /** 515 restart required (also the normal end of pairing): reconnect at once. */
        RESTART_REQUIRED(true),
        /** 440: another client uses these credentials. Do not fight it. */
        STREAM_REPLACED(false),
        /** 401, device removed, 403 locked, 411 mismatch: the credentials are dead; a new link is needed. */
        LOGGED_OUT(false),
        /** 402 with an expiry: retry only after it. */
        TEMPORARILY_BANNED(false),
        /** 406 or another permanent ban. */
        BANNED(false),
        /** 405: the WhatsApp Web version is too old; refresh it before anyone reconnects. */
        CLIENT_OUTDATED(false);

        private final boolean reconnect;

        Category(boolean reconnect) {
            this.reconnect = reconnect;
        }

        /** Whether a supervisor should reconnect by itself (possibly after a backoff). */
        public boolean reconnects() {
            return reconnect;
        }
    }

    @Override
    public String toString() {
        return category + "(" + code + (detail.isEmpty() ? "" : " " + detail) + until.map(u -> " until " + u).orElse("") + ")";
    }
}
