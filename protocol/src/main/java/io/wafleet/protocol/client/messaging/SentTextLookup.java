package io.wafleet.protocol.client.messaging;

import java.util.Optional;

/**
 * The owner's record of the texts this account sent, asked when a device that could not decrypt one of them sends
 * a retry receipt and the message is no longer among the few the client keeps in memory (after a restart, or
 * long after it was sent). Whatever it returns, the client answers only a device of the chat the text went to, or
 * one of our own devices: a receipt naming another chat's message id is refused, so an implementation need not
 * check who asks.
 *
 * <p>Called on the account's inbound thread, so it should answer from memory or a quick local read; an exception
 * counts as "not known" (the retry is not answered, and logged).
 */
@FunctionalInterface
public interface SentTextLookup {

    /** The text sent under {@code messageId}; empty when it is not known (or no longer kept). */
    Optional<SentText> find(String messageId);

    /** No record beyond the client's own memory: retries for messages sent before a restart are not answered. */
    static SentTextLookup none() {
        return messageId -> Optional.empty();
    }
}
