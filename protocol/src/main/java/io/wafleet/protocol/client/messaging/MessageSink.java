package io.wafleet.protocol.client.messaging;

import java.util.concurrent.CompletionStage;

/**
 * Where decrypted messages go. The receipt that tells the server (and the sender) "delivered" is sent only after
 * the returned stage completes normally; a stage that fails leaves the message unacknowledged, so the server
 * delivers it again after the next login.
 */
@FunctionalInterface
public interface MessageSink {
    CompletionStage<Void> deliver(InboundText message);
}
