package io.wafleet.simulator.messaging;

import io.wafleet.protocol.binary.Node;

/** A logged-in connection as the router sees it: where stanzas for its device go. */
public interface MessageSink {
    void deliver(Node stanza);
}
