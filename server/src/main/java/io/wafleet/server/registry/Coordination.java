package io.wafleet.server.registry;

import io.wafleet.server.connector.StoreDecorator;
import io.wafleet.server.supervisor.FleetListener;
import io.wafleet.server.supervisor.Ownership;

import java.util.List;
import java.util.Objects;

/**
 * The hooks through which something outside the volume (Firestore) takes part in running the fleet: who owns which
 * account, what wraps each account's store, and who else listens to the supervisors. {@link #volumeOnly()} is the
 * fleet on its volume alone.
 */
public record Coordination(Ownership ownership, StoreDecorator stores, List<FleetListener> listeners) {

    public Coordination {
        Objects.requireNonNull(ownership, "ownership");
        Objects.requireNonNull(stores, "stores");
        listeners = List.copyOf(listeners);
    }

    public static Coordination volumeOnly() {
        return new Coordination(Ownership.SOLE, StoreDecorator.NONE, List.of());
    }
}
