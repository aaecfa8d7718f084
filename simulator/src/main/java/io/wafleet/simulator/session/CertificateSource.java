package io.wafleet.simulator.session;

import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.noise.CertChainDefect;
import io.wafleet.protocol.noise.CertChainIssuer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The encoded CertChain for the server's static key. A valid chain is issued once and reused (it is valid for
 * 30 days; it is re-issued after a day so a long-running simulator never serves an expired one); a
 * defective chain, for client negative tests, is issued per connection.
 */
public final class CertificateSource {
    private static final Duration REISSUE_AFTER = Duration.ofDays(1);

    private final CertChainIssuer issuer;
    private final byte[] serverStaticKey;
    private final Clock clock;
    private byte[] current;
    private Instant issuedAt;

    public CertificateSource(KeyPair root, KeyPair serverStatic, Clock clock) {
        this.issuer = CertChainIssuer.withFreshIntermediate(root, clock);
        this.serverStaticKey = serverStatic.publicKey();
        this.clock = clock;
    }

    public synchronized byte[] chain(Optional<CertChainDefect> defect) {
        if (defect.isPresent()) {
            return issuer.issueDefective(serverStaticKey, defect.get());
        }
        Instant now = clock.instant();
        if (current == null || now.isAfter(issuedAt.plus(REISSUE_AFTER))) {
            current = issuer.issue(serverStaticKey);
            issuedAt = now;
        }
        return current.clone();
    }
}
