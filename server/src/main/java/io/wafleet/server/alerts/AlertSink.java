package io.wafleet.server.alerts;

/** Where alerts go. {@link #send} never blocks: it queues, or drops and counts when the queue is full. */
@FunctionalInterface
public interface AlertSink {
    void send(Alert alert);
}
