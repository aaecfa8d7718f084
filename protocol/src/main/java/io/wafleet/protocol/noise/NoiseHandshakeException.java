package io.wafleet.protocol.noise;

import java.util.Optional;

/**
 * The handshake must be abandoned. When the reason is the server's certificate chain, {@link #failedCheck()}
 * names the check that failed, so callers and tests can tell a forged signature from an expired certificate.
 */
public final class NoiseHandshakeException extends NoiseException {
    private final CertificateCheck failedCheck;

    public NoiseHandshakeException(String message) {
        super(message);
        this.failedCheck = null;
    }

    public NoiseHandshakeException(String message, Throwable cause) {
        super(message, cause);
        this.failedCheck = null;
    }

    public NoiseHandshakeException(CertificateCheck failedCheck, String detail) {
        super("certificate chain rejected: " + failedCheck.description() + " (" + detail + ")");
        this.failedCheck = failedCheck;
    }

    /** The certificate check that failed; empty when the handshake failed for another reason. */
    public Optional<CertificateCheck> failedCheck() {
        return Optional.ofNullable(failedCheck);
    }
}
