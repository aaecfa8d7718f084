package io.wafleet.simulator.messaging;

import io.wafleet.protocol.binary.Node;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * One companion device's stanzas: handed to its connection when it has one that finished logging in, queued
 * otherwise (bounded: the oldest goes first when full) and delivered, in order, when it logs in. One lock keeps
 * "deliver or queue" and "drain on login" from interleaving, so nothing overtakes a queued message.
 */
final class Mailbox {
    enum Outcome { DELIVERED, QUEUED, QUEUED_OLDEST_DROPPED }

    private final int capacity;
    private final Deque<Node> queued = new ArrayDeque<>();
    private Optional<MessageSink> sink = Optional.empty();

    Mailbox(int capacity) {
        this.capacity = capacity;
    }

    synchronized Outcome deliverOrQueue(Node stanza) {
        if (sink.isPresent()) {
            sink.get().deliver(stanza);
            return Outcome.DELIVERED;
        }
        boolean full = queued.size() >= capacity;
        if (full) {
            queued.removeFirst();
        }
        queued.addLast(stanza);
        return full ? Outcome.QUEUED_OLDEST_DROPPED : Outcome.QUEUED;
    }

    /** Delivers only to a connected device; what is worth nothing later (a receipt to an offline sender) is not kept. */
    synchronized boolean deliverIfConnected(Node stanza) {
        sink.ifPresent(connected -> connected.deliver(stanza));
        return sink.isPresent();
    }

    /** The device logged in on {@code connection}: the queue goes to it first; returns how many were queued. */
    synchronized int connect(MessageSink connection) {
        int count = queued.size();
        while (!queued.isEmpty()) {
            connection.deliver(queued.removeFirst());
        }
        sink = Optional.of(connection);
        return count;
    }

    /** Only the connection that is current lets go: a replaced one ending late must not disconnect its successor. */
    synchronized void disconnect(MessageSink connection) {
        if (sink.filter(current -> current == connection).isPresent()) {
            sink = Optional.empty();
        }
    }

    synchronized int queuedCount() {
        return queued.size();
    }
}
