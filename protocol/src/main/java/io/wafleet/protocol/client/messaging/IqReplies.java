package io.wafleet.protocol.client.messaging;

import io.wafleet.protocol.binary.Node;

/** Turns an iq error answer into a {@link MessagingException} naming the request and the server's code. */
final class IqReplies {
    private IqReplies() {}

    static void requireResult(Node reply, String request) {
        if (!reply.attr("type").orElse("").equals("result")) {
            String error = reply.child("error").map(e -> e.attr("code").orElse("?") + " " + e.attr("text").orElse(""))
                    .orElse("no error element");
            throw new MessagingException(request + " refused by the server: " + error.strip());
        }
    }
}
