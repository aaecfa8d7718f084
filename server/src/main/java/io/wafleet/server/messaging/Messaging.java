package io.wafleet.server.messaging;

import io.wafleet.protocol.client.messaging.InboundText;
import io.wafleet.protocol.client.messaging.MessageIds;
import io.wafleet.protocol.client.messaging.SentText;
import io.wafleet.protocol.client.messaging.SentTextLookup;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.server.config.MessagingSettings;
import io.wafleet.server.registry.AccountId;
import io.wafleet.server.webhook.SignedWebhook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Messaging for the whole fleet: one durable {@link Outbox} and one {@link OutboxSender} per account, and one
 * durable {@link WebhookQueue} for the message webhook. The API accepts and looks up messages here; the connector
 * reports connections, inbound texts and receipts through {@link MessagingPort}.
 *
 * <p>Files: {@code <sessions>/.messaging/<account>/outbox.journal} and {@code <sessions>/.messaging/webhooks.journal},
 * beside the accounts' auth stores, never inside them (archiving credentials must not take queued messages along,
 * and the store's directory stays wa-fleet's auth format alone).
 */
public final class Messaging implements MessagingPort, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Messaging.class);
    /** WhatsApp accepts far longer texts; a gateway that sends more than this per message is doing something else. */
    public static final int MAX_TEXT_CHARS = 4096;
    public static final int MAX_IDEMPOTENCY_KEY_CHARS = 128;
    /**
     * Per account: the statuses of the last 10 000 finished messages stay queryable; a sent message keeps its text
     * for 24 hours, so a recipient device that could not decrypt it can ask again (retry receipts come within
     * seconds to hours), within those 10 000 and at most 1 000 000 characters of text (1 to 2 MB of heap).
     */
    static final Outbox.Retention RETENTION = new Outbox.Retention(10_000, Duration.ofHours(24), 1_000_000);
    static final int WEBHOOK_CAPACITY = 10_000;

    /** Counts what happens, for metrics; called on sender and webhook threads. */
    public interface Counters {
        void outbound(MessageStatus status);

        void inbound();

        void webhook(String outcome);
    }

    private record AccountOutbox(Outbox outbox, OutboxSender sender) {
    }

    private final Map<AccountId, AccountOutbox> accounts = new LinkedHashMap<>();
    private final Optional<WebhookQueue> webhook;
    private final WebhookEvents events;
    private final Counters counters;

    private Messaging(Optional<WebhookQueue> webhook, Counters counters) {
        this.webhook = webhook;
        this.events = new WebhookEvents(JsonMapper.builder().build());
        this.counters = counters;
    }

    /** Opens every account's outbox under {@code directory} and starts sending. */
    public static Messaging open(Path directory, List<AccountId> ids, MessagingSettings settings, Clock clock,
                                 Optional<SignedWebhook> signed, Counters counters) {
        Optional<WebhookQueue> queue = signed.map(target -> WebhookQueue.open(directory.resolve("webhooks.journal"),
                target, WebhookQueue.RetryPolicy.standard(), WEBHOOK_CAPACITY, outcome -> counters.webhook(outcome.name().toLowerCase(java.util.Locale.ROOT))));
        Messaging messaging = new Messaging(queue, counters);
        for (AccountId id : ids) {
            MessageIds messageIds = new MessageIds(id.value(), clock);
            Outbox outbox = Outbox.open(id.value(), directory.resolve(id.value()).resolve("outbox.journal"), clock,
                    messageIds::next, settings.outboxCapacity(), RETENTION, message -> messaging.onStatus(id, message));
            messaging.accounts.put(id, new AccountOutbox(outbox,
                    new OutboxSender(id.value(), outbox, new SendPacer(settings.sendRatePerMinute(), clock), OutboxSender.Policy.standard())));
        }
        return messaging;
    }

    /**
     * Accepts a text for sending: validated, journalled, id fixed. With a known idempotency key, the earlier
     * message is returned and nothing new is queued.
     */
    public Outbox.Acceptance send(AccountId account, String to, String text, Optional<String> idempotencyKey) {
        AccountOutbox slot = slot(account);
        String jid = Recipients.toJid(to);
        if (text == null || text.isBlank()) {
            throw new InvalidMessageException("'text' is required and must not be blank");
        }
        if (text.length() > MAX_TEXT_CHARS) {
            throw new InvalidMessageException("'text' has " + text.length() + " characters; at most " + MAX_TEXT_CHARS + " are accepted");
        }
        idempotencyKey.ifPresent(Messaging::checkKey);
        Outbox.Acceptance acceptance = slot.outbox().accept(jid, text, idempotencyKey);
        if (!acceptance.duplicate()) {
            counters.outbound(MessageStatus.QUEUED);
            slot.sender().wake();
        }
        return acceptance;
    }

    private static void checkKey(String key) {
        if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY_CHARS || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidMessageException("'idempotencyKey' must be 1 to " + MAX_IDEMPOTENCY_KEY_CHARS
                    + " printable ASCII characters without spaces");
        }
    }

    public OutboundMessage status(AccountId account, String messageId) {
        return slot(account).outbox().find(messageId)
                .orElseThrow(() -> new UnknownMessageException("no message " + messageId + " for " + account));
    }

    public int queued(AccountId account) {
        return slot(account).outbox().queuedCount();
    }

    /** Messages accepted and not yet sent or failed, over the whole fleet. */
    public int queuedTotal() {
        return accounts.values().stream().mapToInt(slot -> slot.outbox().queuedCount()).sum();
    }

    /** Webhook events journalled and not yet delivered (or given up). */
    public int pendingWebhookEvents() {
        return webhook.map(WebhookQueue::pendingCount).orElse(0);
    }

    private AccountOutbox slot(AccountId account) {
        AccountOutbox slot = accounts.get(account);
        if (slot == null) {
            throw new NotASlotException(account.value());
        }
        return slot;
    }

    @Override
    public void connected(AccountId account, MessageTransport transport) {
        Optional.ofNullable(accounts.get(account)).ifPresent(slot -> slot.sender().connected(transport));
    }

    @Override
    public void disconnected(AccountId account, MessageTransport transport) {
        Optional.ofNullable(accounts.get(account)).ifPresent(slot -> slot.sender().disconnected(transport));
    }

    /** The account's sent texts, for the client to answer retry receipts about messages it no longer holds. */
    @Override
    public SentTextLookup sentTexts(AccountId account) {
        return Optional.ofNullable(accounts.get(account))
                .<SentTextLookup>map(slot -> id -> slot.outbox().sentText(id).map(sent -> new SentText(sent.to(), sent.text())))
                .orElseGet(SentTextLookup::none);
    }

    @Override
    public void received(AccountId account, InboundText message) {
        counters.inbound();
        if (webhook.isEmpty()) {
            return;
        }
        if (!webhook.get().offer(events.inbound(account, message))) {
            // Not acknowledged: WhatsApp keeps the message and delivers it again after the next login.
            throw new IllegalStateException("the message webhook queue is full; " + account + " leaves message "
                    + message.id() + " unacknowledged for now");
        }
    }

    @Override
    public void receipt(AccountId account, List<String> messageIds, Optional<String> type) {
        Optional<MessageStatus> status = statusOfReceipt(type);
        AccountOutbox slot = accounts.get(account);
        if (status.isEmpty() || slot == null) {
            return;
        }
        messageIds.forEach(id -> slot.outbox().markReceipt(id, status.get()));
    }

    /**
     * WhatsApp's receipt types: none (delivered), {@code inactive} (delivered to a device not in use), {@code read},
     * {@code played}; {@code sender} and {@code read-self} come from our own devices and say nothing about the recipient.
     */
    static Optional<MessageStatus> statusOfReceipt(Optional<String> type) {
        return switch (type.orElse("")) {
            case "", "inactive" -> Optional.of(MessageStatus.DELIVERED);
            case "read", "played" -> Optional.of(MessageStatus.READ);
            default -> Optional.empty();
        };
    }

    private void onStatus(AccountId account, OutboundMessage message) {
        counters.outbound(message.status());
        webhook.ifPresent(queue -> {
            if (!queue.offer(events.status(account, message))) {
                log.warn("{}: status {} of message {} not sent to the webhook: its queue is full (GET the message for it)",
                        account, message.status().wireName(), message.id());
            }
        });
    }

    /** Stops the senders, then the webhook; queued messages and events stay journalled for the next start. */
    @Override
    public void close() {
        accounts.values().forEach(slot -> slot.sender().close());
        webhook.ifPresent(WebhookQueue::close);
        accounts.values().forEach(slot -> slot.outbox().close());
    }

    /** The sender's user, for event ids: a device suffix or agent must not make one message look like two. */
    static String senderUser(String from) {
        return Jid.parse(from).map(jid -> jid.toNormalizedUser().toString()).orElse(from);
    }
}
