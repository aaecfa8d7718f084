package io.wafleet.server.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Messaging knobs.
 *
 * @param webhook           where inbound messages and outbound status changes are POSTed (WEBHOOK_URL, signed with
 *                          WEBHOOK_SECRET); empty: inbound messages are acknowledged and counted, nothing is POSTed
 * @param sendRatePerMinute per account; sends are spaced evenly, never in bursts (WA_SEND_RATE_PER_MINUTE)
 * @param outboxCapacity    queued (not yet sent) messages per account before the API answers 429 (WA_OUTBOX_CAPACITY)
 */
public record MessagingSettings(Optional<AlertWebhook> webhook, int sendRatePerMinute, int outboxCapacity) {

    public static final int DEFAULT_SEND_RATE_PER_MINUTE = 20;
    public static final int DEFAULT_OUTBOX_CAPACITY = 1000;

    public MessagingSettings {
        Objects.requireNonNull(webhook, "webhook");
    }
}
