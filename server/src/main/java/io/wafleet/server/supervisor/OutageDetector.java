package io.wafleet.server.supervisor;

import io.wafleet.server.registry.AccountId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Tells an outage from bad luck: when most of the connected fleet drops within a short window, WhatsApp (or
 * the network) is down, and thirty accounts retrying on their own would hammer it. The gate then goes to probe
 * mode (one handshake at a time); the first account that gets back in ends the outage and the others are
 * released at once, through the gate's normal limits, instead of waiting out their backoff.
 */
public final class OutageDetector implements FleetListener {

    private static final Logger log = LoggerFactory.getLogger(OutageDetector.class);
    static final Duration WINDOW = Duration.ofSeconds(30);
    static final int MIN_DROPS = 3;

    private final ConnectionGate gate;
    private final Executor executor;
    private final Runnable releaseWaiting;
    private final Set<AccountId> connected = new HashSet<>();
    private final ArrayDeque<Instant> drops = new ArrayDeque<>();
    private boolean outage;

    /** @param releaseWaiting reconnects every account still waiting for its backoff; run on {@code executor} */
    public OutageDetector(ConnectionGate gate, Executor executor, Runnable releaseWaiting) {
        this.gate = gate;
        this.executor = executor;
        this.releaseWaiting = releaseWaiting;
    }

    @Override
    public synchronized void onTransition(AccountSnapshot account, Transition transition) {
        if (transition.to() == AccountState.CONNECTED) {
            connected.add(transition.account());
            if (outage) {
                outage = false;
                drops.clear();
                log.warn("outage over: {} reconnected; releasing the rest of the fleet through the limiter", transition.account());
                gate.leaveProbeMode();
                executor.execute(releaseWaiting);
            }
            return;
        }
        if (!connected.remove(transition.account()) || transition.to() != AccountState.DISCONNECTED) {
            return;
        }
        Instant now = transition.at();
        drops.addLast(now);
        while (!drops.isEmpty() && drops.peekFirst().isBefore(now.minus(WINDOW))) {
            drops.removeFirst();
        }
        int connectedBefore = connected.size() + drops.size();
        if (!outage && drops.size() >= MIN_DROPS && drops.size() * 2 >= connectedBefore) {
            outage = true;
            log.warn("outage: {} of {} connected accounts dropped within {} s; probing with one account at a time",
                    drops.size(), connectedBefore, WINDOW.toSeconds());
            gate.enterProbeMode();
        }
    }

    public synchronized boolean inOutage() {
        return outage;
    }
}
