/**
 * WhatsApp Web's transport security: Noise_XX_25519_AESGCM_SHA256, the server certificate chain, the
 * per-direction transport cipher and the 3-byte-length framing, usable by both roles.
 *
 * <p>Client (initiator): {@link io.wafleet.protocol.noise.ClientHandshake} with a
 * {@link io.wafleet.protocol.noise.TrustedRoot} (WhatsApp's production root unless another is given explicitly),
 * {@link io.wafleet.protocol.noise.FrameEncoder#client} for the intro header and frames, and
 * {@link io.wafleet.protocol.noise.FrameReader#forClient} for the server's frames.
 *
 * <p>Server (responder, the simulator): {@link io.wafleet.protocol.noise.ServerHandshake} with a chain from
 * {@link io.wafleet.protocol.noise.CertChainIssuer}, {@link io.wafleet.protocol.noise.FrameReader#forServer},
 * which strips the client's intro, and {@link io.wafleet.protocol.noise.FrameEncoder#server}.
 *
 * <p>Both end with {@link io.wafleet.protocol.noise.TransportKeys}, turned into a pair of
 * {@link io.wafleet.protocol.noise.TransportCipher}s for the side's role. Handshake messages here are bare
 * {@code HandshakeMessage} protobufs; framing is kept separate so a caller can put any transport underneath.
 *
 * <p>The per-stanza hot path allocates little more than the frame itself:
 * {@link io.wafleet.protocol.noise.FrameEncoder#encodeSealed} encodes a binary node straight into its frame and
 * seals it there, and {@link io.wafleet.protocol.noise.FrameReader#feed(byte[], FrameHandler)} hands each frame
 * to a handler inside the reader's buffer, where
 * {@link io.wafleet.protocol.noise.TransportCipher#decryptNode} opens and decodes it.
 * Failures are {@link io.wafleet.protocol.noise.NoiseException}s: handshake, framing or transport.
 */
package io.wafleet.protocol.noise;
