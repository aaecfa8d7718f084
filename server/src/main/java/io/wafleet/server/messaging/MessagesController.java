package io.wafleet.server.messaging;

import io.wafleet.server.registry.AccountId;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;

/**
 * Sending texts and asking where they are. Acceptance is durable: a 202 means the message is journalled and
 * will be sent (in order, paced) whenever the account is connected, across restarts.
 */
@RestController
@RequestMapping("/api/accounts/{id}/messages")
public class MessagesController {

    private final Messaging messaging;

    public MessagesController(Messaging messaging) {
        this.messaging = messaging;
    }

    /** The body of a send. */
    public record SendRequest(String to, String text, String idempotencyKey) {
    }

    /** Where one message is; {@code reason} only for {@code failed}. The text is not echoed back. */
    public record MessageView(String messageId, String accountId, String to, String status, String reason,
                              String acceptedAt, String updatedAt) {
        static MessageView of(AccountId account, OutboundMessage message) {
            return new MessageView(message.id(), account.value(), message.to(), message.status().wireName(),
                    message.reason().orElse(null), message.acceptedAt().toString(), message.updatedAt().toString());
        }
    }

    /** 202 for a new message; 200 with the earlier message when the idempotency key was seen before. */
    @PostMapping
    public ResponseEntity<MessageView> send(@PathVariable String id, @RequestBody SendRequest body) {
        AccountId account = AccountId.of(id);
        if (body == null) {
            throw new InvalidMessageException("a JSON body {to, text, idempotencyKey?} is required");
        }
        Outbox.Acceptance acceptance = messaging.send(account, body.to(), body.text(), Optional.ofNullable(body.idempotencyKey()));
        MessageView view = MessageView.of(account, acceptance.message());
        // Set as text: both parts are validated ids (no character needs escaping), and a URI would be parsed here
        // and printed again by the headers, for every message.
        String location = "/api/accounts/" + account.value() + "/messages/" + view.messageId();
        return (acceptance.duplicate() ? ResponseEntity.ok() : ResponseEntity.accepted())
                .header(HttpHeaders.LOCATION, location).body(view);
    }

    @GetMapping("/{messageId}")
    public MessageView get(@PathVariable String id, @PathVariable String messageId) {
        AccountId account = AccountId.of(id);
        return MessageView.of(account, messaging.status(account, messageId));
    }
}
