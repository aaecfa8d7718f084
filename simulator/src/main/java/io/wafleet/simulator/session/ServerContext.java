package io.wafleet.simulator.session;

import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.simulator.Counters;
import io.wafleet.simulator.Faults;
import io.wafleet.simulator.device.DeviceRegistry;
import io.wafleet.simulator.messaging.MessageRouter;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every connection of one simulator shares: the accounts, the counters, the fault settings, the
 * server's Noise identity and the certificates for it, one scheduler for all timers, and the desk where
 * phones find the connections showing QR codes, and the message router.
 */
public record ServerContext(
        DeviceRegistry registry,
        Counters counters,
        Faults faults,
        KeyPair serverStatic,
        CertificateSource certificates,
        ScheduledExecutorService scheduler,
        PairingDesk pairingDesk,
        MessageRouter router,
        Clock clock,
        SecureRandom random) {

    /**
     * Runs {@code task} after {@code delay} on a virtual thread of its own: the one scheduler thread only keeps
     * time, so a task that blocks on a slow socket never delays anyone else's timer.
     */
    public void later(java.time.Duration delay, Runnable task) {
        try {
            scheduler.schedule(() -> Thread.ofVirtual().name("sim-task").start(task), delay.toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            // The simulator is closing: the task (a close after a grace period) can only run now.
            Thread.ofVirtual().name("sim-task").start(task);
        }
    }

    @Override
    public String toString() {
        return "ServerContext[devices=" + registry.devices().size() + "]";
    }
}
