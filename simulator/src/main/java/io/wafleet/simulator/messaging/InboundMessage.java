package io.wafleet.simulator.messaging;

/** What the server makes of a {@code <message>} a device sent: routable, or refused with an error ack. */
public sealed interface InboundMessage {
    /** Ready to route once acked; opaque to the connection. */
    record Accepted(Envelope envelope) implements InboundMessage {}

    /** Refused: the ack carries {@code error='code'}; nothing is routed. */
    record Rejected(int code, String reason) implements InboundMessage {}
}
