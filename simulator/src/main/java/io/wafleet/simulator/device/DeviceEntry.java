package io.wafleet.simulator.device;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * A device's stored record plus its runtime side: the connections currently logged in with it and the most
 * that ever were at once (a well-behaved client keeps that at 1), and how many were replaced by a newer one. A
 * replaced connection is closed at once, so the live count alone cannot reveal two clients taking turns with one
 * device; the replacement count can. Guarded by its own monitor.
 */
final class DeviceEntry {
    private volatile DeviceRecord record;
    private final Set<LiveConnection> live = new CopyOnWriteArraySet<>();
    private int maxLive;
    private int replaced;

    DeviceEntry(DeviceRecord record) {
        this.record = record;
    }

    DeviceRecord record() {
        return record;
    }

    synchronized void replace(DeviceRecord updated) {
        record = updated;
    }

    /** Adds the connection and returns the ones it replaces (all others that were live). */
    synchronized List<LiveConnection> attach(LiveConnection connection) {
        List<LiveConnection> previous = List.copyOf(live);
        live.add(connection);
        maxLive = Math.max(maxLive, live.size());
        replaced += previous.size();
        return previous;
    }

    synchronized boolean detach(LiveConnection connection) {
        return live.remove(connection);
    }

    List<LiveConnection> liveConnections() {
        return List.copyOf(live);
    }

    synchronized int maxLive() {
        return maxLive;
    }

    /** Connections of this device closed because a newer one logged in. */
    synchronized int replacedCount() {
        return replaced;
    }
}
