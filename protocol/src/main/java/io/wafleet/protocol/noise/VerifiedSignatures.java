package io.wafleet.protocol.noise;

import com.google.protobuf.ByteString;
import io.wafleet.protocol.crypto.XEdDsa;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certificate signatures this process has already found valid. WhatsApp serves the same certificate chain to
 * every connection for days, so a fleet restoring hundreds of accounts would otherwise verify the same two
 * Ed25519 signatures hundreds of times: a third of a login's CPU. A signature check is a pure function of the
 * issuer key, the signed bytes and the signature, and all three, byte for byte, are the key here; so a hit
 * answers exactly what verifying again would. Only successes are kept: a bad signature is checked every time,
 * and it costs the caller its handshake anyway.
 *
 * <p>Bounded: a few chains are live at once (an intermediate or leaf rotation overlaps the old one), so when
 * {@link #CAPACITY} distinct signatures are held the memo starts over rather than growing with whatever a
 * hostile server might send.
 */
final class VerifiedSignatures {
    static final int CAPACITY = 32;

    private static final Map<Signed, Boolean> VALID = new ConcurrentHashMap<>();

    private VerifiedSignatures() {
    }

    /** {@link XEdDsa#verify}, answered from the memo when these exact bytes were verified before. */
    static boolean verify(byte[] issuerKey, ByteString signed, ByteString signature) {
        Signed entry = new Signed(ByteString.copyFrom(issuerKey), signed, signature);
        if (VALID.containsKey(entry)) {
            return true;
        }
        boolean valid = XEdDsa.verify(issuerKey, signed.toByteArray(), signature.toByteArray());
        if (valid) {
            if (VALID.size() >= CAPACITY) {
                VALID.clear();
            }
            VALID.put(entry, Boolean.TRUE);
        }
        return valid;
    }

    /** ByteString compares by content, so two entries are equal exactly when all their bytes are. */
    private record Signed(ByteString issuerKey, ByteString signed, ByteString signature) {
    }
}
