package io.wafleet.server.messaging;

import io.wafleet.protocol.client.messaging.InboundText;
import io.wafleet.protocol.client.messaging.SentTextLookup;
import io.wafleet.server.registry.AccountId;

import java.util.List;
import java.util.Optional;

/**
 * What the connector tells messaging about one account's connection. {@link #received} is called before the
 * client sends the delivery receipt, and must not return before the message is durable on our side: a throw
 * leaves the message unacknowledged, so WhatsApp delivers it again after the next login.
 */
public interface MessagingPort {

    /** The account logged in; {@code transport} sends over this connection until {@link #disconnected}. */
    void connected(AccountId account, MessageTransport transport);

    void disconnected(AccountId account, MessageTransport transport);

    void received(AccountId account, InboundText message);

    /**
     * What the account sent, for its client: a recipient device that could not decrypt a message asks for it again
     * with a retry receipt, also after a restart, when the client's own memory of sent messages is empty.
     */
    SentTextLookup sentTexts(AccountId account);

    /** A recipient's receipt for messages this account sent: {@code type} as WhatsApp names it (empty: delivered). */
    void receipt(AccountId account, List<String> messageIds, Optional<String> type);
}
