package io.wafleet.protocol.client.messaging;

import io.wafleet.protocol.binary.Node;
import java.util.concurrent.CompletableFuture;

/** What the messaging layer needs from the logged-in connection of the moment. */
public interface ServerLink {
    /** Sends an iq; completes with the reply, fails on the query deadline or when the connection ends. */
    CompletableFuture<Node> query(Node iq);

    /** Sends a {@code <message>}; completes with the server's {@code <ack class='message'>} for its id. */
    CompletableFuture<Node> sendMessage(Node message);

    /** Sends a stanza that gets no answer (receipts). Dropped silently when the connection has ended. */
    void send(Node stanza);
}
