package io.wafleet.server.connector;

import io.wafleet.protocol.store.AuthStore;
import io.wafleet.server.registry.AccountId;

/**
 * Wraps an account's store before the client uses it: the seam where every committed change can also go somewhere
 * else (an encrypted backup) before the client acts on it. {@link #NONE} leaves the store as it is.
 */
@FunctionalInterface
public interface StoreDecorator {

    AuthStore decorate(AccountId account, AuthStore store);

    StoreDecorator NONE = (account, store) -> store;
}
