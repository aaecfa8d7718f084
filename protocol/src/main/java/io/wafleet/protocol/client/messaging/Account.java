package io.wafleet.protocol.client.messaging;

import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.store.AuthStore;
import io.wafleet.protocol.store.Credentials;
import io.wafleet.protocol.store.Me;
import java.util.Optional;

/** Who we are, read from the store at the moment of asking (pairing and login can change it). */
record Account(Jid device, Jid user, Optional<Jid> lidUser, Optional<byte[]> deviceIdentity) {

    static Account of(AuthStore store) {
        Credentials credentials = store.state().credentials()
                .orElseThrow(() -> new IllegalStateException("the auth store holds no credentials"));
        Me me = credentials.me().orElseThrow(() -> new MessagingException("this account is not paired"));
        Jid device = Jid.parse(me.jid()).orElseThrow(() -> new MessagingException("stored jid is not a JID"));
        Optional<Jid> lid = me.lid().flatMap(Jid::parse).map(Jid::toNormalizedUser);
        return new Account(device, device.toNormalizedUser(), lid, credentials.account());
    }

    /** True when {@code jid} names our own user, in either form. */
    boolean isOwnUser(Jid jid) {
        Jid user = jid.toNormalizedUser();
        return user.equals(this.user) || lidUser.filter(user::equals).isPresent();
    }

    boolean isThisDevice(Jid jid) {
        return isOwnUser(jid) && jid.deviceId() == device.deviceId();
    }
}
