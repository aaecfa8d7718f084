package io.wafleet.protocol.client;

/** Receives one account's {@link ClientEvent}s, in order, one at a time, never under the client's locks. */
@FunctionalInterface
public interface ClientListener {
    void onEvent(ClientEvent event);
}
