package io.wafleet.server.messaging;

import io.wafleet.protocol.client.messaging.InboundText;
import io.wafleet.server.registry.AccountId;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON bodies of the message webhook, each with an event id that is the same whenever the same thing is
 * reported again: {@code in:<account>:<sender user>:<message id>} for an inbound text (WhatsApp ids are unique per
 * sender), {@code out:<account>:<message id>:<status>} for a status change of an outbound one.
 */
final class WebhookEvents {

    static final String RECEIVED = "message.received";
    static final String STATUS = "message.status";

    private final JsonMapper json;

    WebhookEvents(JsonMapper json) {
        this.json = json;
    }

    WebhookEvent inbound(AccountId account, InboundText message) {
        String sender = Messaging.senderUser(message.from());
        String eventId = "in:" + account.value() + ":" + sender + ":" + message.id();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", RECEIVED);
        body.put("eventId", eventId);
        body.put("accountId", account.value());
        body.put("messageId", message.id());
        body.put("from", sender);
        body.put("fromDevice", message.from());
        body.put("pushName", message.pushName().orElse(null));
        body.put("timestamp", message.timestamp().toString());
        body.put("text", message.text());
        body.put("sentByOwnPhoneTo", message.destination().orElse(null));
        return new WebhookEvent(eventId, json.writeValueAsBytes(body));
    }

    WebhookEvent status(AccountId account, OutboundMessage message) {
        String eventId = "out:" + account.value() + ":" + message.id() + ":" + message.status().wireName();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", STATUS);
        body.put("eventId", eventId);
        body.put("accountId", account.value());
        body.put("messageId", message.id());
        body.put("to", message.to());
        body.put("status", message.status().wireName());
        body.put("reason", message.reason().orElse(null));
        body.put("at", message.updatedAt().toString());
        return new WebhookEvent(eventId, json.writeValueAsBytes(body));
    }
}
