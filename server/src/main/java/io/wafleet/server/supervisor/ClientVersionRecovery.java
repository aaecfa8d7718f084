package io.wafleet.server.supervisor;

import io.wafleet.server.connector.AccountConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * A 405 means every account of the fleet uses a WhatsApp Web version the server no longer accepts: reconnecting
 * any of them only repeats the 405. The first one pauses the whole gate; the connector is asked to refresh its
 * version (every minute, then less often, up to every 30 minutes) and the gate resumes once it has.
 */
public final class ClientVersionRecovery implements FleetListener {

    private static final Logger log = LoggerFactory.getLogger(ClientVersionRecovery.class);
    static final String PAUSE_REASON = "client-outdated";

    private final ConnectionGate gate;
    private final AccountConnector connector;
    private final Timers timers;
    private final Executor executor;
    private final Backoff retry;
    private boolean recovering;
    private int attempts;

    public ClientVersionRecovery(ConnectionGate gate, AccountConnector connector, Timers timers, Executor executor,
                                 RandomGenerator random) {
        this.gate = gate;
        this.connector = connector;
        this.timers = timers;
        this.executor = executor;
        this.retry = new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(30), random);
    }

    @Override
    public synchronized void onTransition(AccountSnapshot account, Transition transition) {
        if (transition.to() != AccountState.DISCONNECTED || !transition.reason().startsWith("405") || recovering) {
            return;
        }
        recovering = true;
        attempts = 0;
        log.error("{} got 405 (client outdated): reconnects of the whole fleet are paused until the WhatsApp Web version is refreshed",
                transition.account());
        gate.pause(PAUSE_REASON);
        executor.execute(this::refresh);
    }

    private void refresh() {
        boolean refreshed;
        try {
            refreshed = connector.refreshClientVersion();
        } catch (RuntimeException e) {
            log.warn("refreshing the WhatsApp Web version failed: {}", e.toString());
            refreshed = false;
        }
        synchronized (this) {
            if (refreshed) {
                recovering = false;
                log.warn("WhatsApp Web version refreshed: fleet reconnects resume");
                gate.resume();
                return;
            }
            attempts++;
            // Never less than the ceiling's half: the version endpoint is not something to hammer either.
            Duration ceiling = retry.ceiling(attempts);
            Duration wait = ceiling.dividedBy(2).plus(retry.delay(attempts).dividedBy(2));
            timers.schedule(wait, () -> executor.execute(this::refresh));
        }
    }

    public synchronized boolean recovering() {
        return recovering;
    }
}
