package io.wafleet.protocol.noise;

import java.time.Instant;

/** What a client learned from a certificate chain that passed every {@link CertificateCheck}; useful in logs. */
public record VerifiedCertChain(long intermediateSerial, long leafSerial, Instant leafNotBefore, Instant leafNotAfter) {}
