package io.wafleet.server.messaging;

import java.util.concurrent.CompletableFuture;

/**
 * One live, logged-in connection of an account, as the outbox sees it. Completes when WhatsApp's server
 * acknowledged the message; fails when it refused it, timed out, or the connection ended.
 */
@FunctionalInterface
public interface MessageTransport {
    CompletableFuture<?> sendText(String toJid, String text, String messageId);
}
