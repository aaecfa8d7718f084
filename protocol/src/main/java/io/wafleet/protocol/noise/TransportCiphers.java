package io.wafleet.protocol.noise;

/** One side's view of the transport: what it sends is sealed by {@code outbound}, what it receives opened by {@code inbound}. */
public record TransportCiphers(TransportCipher outbound, TransportCipher inbound) {}
