package io.wafleet.simulator;

import io.wafleet.protocol.noise.CertChainDefect;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Server-wide fault settings; they apply to connections from the moment they are set. Per-device faults
 * (drop, silence, stream errors, bans) are actions on {@link WaSimulator.DeviceControl} instead.
 */
public final class Faults {
    private volatile boolean refuseConnections;
    private volatile Duration handshakeDelay = Duration.ZERO;
    private volatile Optional<CertChainDefect> certChainDefect = Optional.empty();
    private volatile Optional<PairSuccessDefect> pairSuccessDefect = Optional.empty();
    private volatile Set<String> withheldIqNamespaces = Set.of();

    /** While true, WebSocket upgrades are answered with HTTP 503. */
    public Faults refuseConnections(boolean refuse) {
        this.refuseConnections = refuse;
        return this;
    }

    /** The ServerHello is held back this long after the ClientHello (zero: answer at once). */
    public Faults handshakeDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("handshake delay must not be negative");
        }
        this.handshakeDelay = delay;
        return this;
    }

    /** Serve a certificate chain broken in this way (empty: a valid chain). */
    public Faults certChainDefect(Optional<CertChainDefect> defect) {
        this.certChainDefect = defect;
        return this;
    }

    /** The simulated phones send a pair-success broken in this way (empty: a valid one). */
    public Faults pairSuccessDefect(Optional<PairSuccessDefect> defect) {
        this.pairSuccessDefect = defect;
        return this;
    }

    /**
     * Iqs of these namespaces (e.g. {@code encrypt}, {@code w:p}) from logged-in clients get no answer at all, so a
     * client's query timeout or keepalive can be tested on one kind of query.
     */
    public Faults withholdIqs(Set<String> namespaces) {
        this.withheldIqNamespaces = Set.copyOf(namespaces);
        return this;
    }

    /** Back to a well-behaved server. */
    public Faults clear() {
        refuseConnections = false;
        handshakeDelay = Duration.ZERO;
        certChainDefect = Optional.empty();
        pairSuccessDefect = Optional.empty();
        withheldIqNamespaces = Set.of();
        return this;
    }

    public boolean refusesConnections() {
        return refuseConnections;
    }

    public Duration handshakeDelay() {
        return handshakeDelay;
    }

    public Optional<CertChainDefect> certChainDefect() {
        return certChainDefect;
    }

    public Optional<PairSuccessDefect> pairSuccessDefect() {
        return pairSuccessDefect;
    }

    public Set<String> withheldIqNamespaces() {
        return withheldIqNamespaces;
    }
}
