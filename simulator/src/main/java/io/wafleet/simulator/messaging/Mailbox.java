package io.wafleet.simulator.messaging;

import io.wafleet.protocol.binary.Node;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One companion device's stanzas: handed to its connection when it has one that finished logging in, queued
 * otherwise (bounded: the oldest goes first when full) and delivered, in order, when it logs in. One lock keeps
 * "deliver or queue" and "drain on login" from interleaving, so nothing overtakes a queued message.
 *
 * <p>A message stays the server's responsibility until the device acknowledges it (its receipt or an ack), as
 * WhatsApp keeps it: if the connection ends first (a crash between decrypting and receipting, a dropped socket),
 * the message goes back to the head of the queue and is delivered again at the next login.
 */
final class Mailbox {
    enum Outcome { DELIVERED, QUEUED, QUEUED_OLDEST_DROPPED }

    private final int capacity;
    private final Deque<Node> queued = new ArrayDeque<>();
    /** Messages handed to the current connection and not yet acknowledged, by id, in delivery order. */
    private final Map<String, Node> unacknowledged = new LinkedHashMap<>();
    private Optional<MessageSink> sink = Optional.empty();

    Mailbox(int capacity) {
        this.capacity = capacity;
    }

    synchronized Outcome deliverOrQueue(Node stanza) {
        if (sink.isPresent()) {
            handOver(sink.get(), stanza);
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
            handOver(connection, queued.removeFirst());
        }
        sink = Optional.of(connection);
        return count;
    }

    /** Only the connection that is current lets go: a replaced one ending late must not disconnect its successor. */
    synchronized void disconnect(MessageSink connection) {
        if (sink.filter(current -> current == connection).isPresent()) {
            sink = Optional.empty();
            List<Node> redeliver = new ArrayList<>(unacknowledged.values());
            unacknowledged.clear();
            redeliver.reversed().forEach(queued::addFirst);
            while (queued.size() > capacity) {
                queued.removeFirst();
            }
        }
    }

    /** The device acknowledged message {@code id}: it will not be delivered again. */
    synchronized void acknowledged(String id) {
        unacknowledged.remove(id);
    }

    private void handOver(MessageSink connection, Node stanza) {
        connection.deliver(stanza);
        if (stanza.tag().equals("message")) {
            stanza.attr("id").ifPresent(id -> unacknowledged.put(id, stanza));
            if (unacknowledged.size() > capacity) {
                unacknowledged.remove(unacknowledged.keySet().iterator().next());
            }
        }
    }

    synchronized int queuedCount() {
        return queued.size();
    }
}
