package io.wafleet.server.registry;

/**
 * Decides which accounts this process runs once the boot scan is done, and lets go of them at shutdown. On the
 * volume alone that is every slot with credentials ({@link #volumeOnly}); with Firestore it is the accounts whose
 * leases this process holds, merged with the metadata stored there.
 */
public interface FleetCoordinator {

    /** Called once, off the start thread, after the boot scan. */
    void start(BootReport report);

    /** Called at shutdown after every socket is closed and every store is durable. */
    void stop();

    /** One sentence for the start line. */
    String description();

    static FleetCoordinator volumeOnly(Fleet fleet) {
        return new FleetCoordinator() {
            @Override
            public void start(BootReport report) {
                fleet.restore(report);
            }

            @Override
            public void stop() {
            }

            @Override
            public String description() {
                return "volume only";
            }
        };
    }
}
