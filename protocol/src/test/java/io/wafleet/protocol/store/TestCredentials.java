package io.wafleet.protocol.store;

import io.wafleet.protocol.crypto.X25519;
import io.wafleet.protocol.signal.SignedPreKeyPair;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Credentials with real key pairs and a stand-in signature, so store tests do not depend on XEdDSA. */
final class TestCredentials {
    private TestCredentials() {}

    static Credentials unpaired(Random random) {
        byte[] signature = new byte[SignedPreKeyPair.SIGNATURE_LENGTH];
        random.nextBytes(signature);
        byte[] advSecret = new byte[Credentials.ADV_SECRET_LENGTH];
        random.nextBytes(advSecret);
        return new Credentials(X25519.generateKeyPair(), X25519.generateKeyPair(),
                new SignedPreKeyPair(1, X25519.generateKeyPair(), signature), random.nextInt(16384), advSecret,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 1, 1, List.of());
    }

    /** Every optional field set, so a round trip through the files covers all of them. */
    static Credentials paired(Random random) {
        byte[] account = new byte[120];
        random.nextBytes(account);
        byte[] identityKey = new byte[33];
        random.nextBytes(identityKey);
        return unpaired(random).toBuilder()
                .me(new Me("40712345612:3@s.whatsapp.net", Optional.of("123456789012345:3@lid"), Optional.of("Shop")))
                .account(account)
                .platform("android")
                .routingInfo(new byte[] {8, 8, 8, 2})
                .nextPreKeyId(813)
                .firstUnuploadedPreKeyId(813)
                .signalIdentities(List.of(new SignalIdentity("40712345612@s.whatsapp.net", 0, identityKey)))
                .build();
    }
}
