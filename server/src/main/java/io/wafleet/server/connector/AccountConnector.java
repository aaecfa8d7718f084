package io.wafleet.server.connector;

import io.wafleet.protocol.client.ClientEvent;
import io.wafleet.server.registry.AccountId;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The port between the supervisors and the WhatsApp client: the only place the server touches a connection.
 * The server owns the account's directory (validated id, on the checked volume); the connector owns what is
 * inside it (the auth store's files) and the socket.
 *
 * <p>Contract for {@link #open}: it starts one connection attempt and returns without waiting for the
 * handshake. Events arrive on any thread; every attempt ends with exactly one {@link ClientEvent.Closed}
 * (also when {@link AccountSession#close()} is called, or the event may be omitted after close: the supervisor
 * has already moved on). A failure to even start (store locked, corrupt, unreadable) is thrown.
 */
public interface AccountConnector {

    /** One line for the start log: which client and which server this connector talks to. */
    String description();

    /** What the account's directory holds; never modifies it. */
    SlotContents inspect(Path accountDirectory);

    /**
     * Starts connecting {@code account} with the auth state in {@code accountDirectory}: logs in when it holds
     * credentials, otherwise offers QR codes through {@link ClientEvent.QrCode} events.
     */
    AccountSession open(AccountId account, Path accountDirectory, Consumer<ClientEvent> events);

    /**
     * After a 405 (client outdated) the fleet stops reconnecting until this returns true: the connector has
     * fetched the current WhatsApp Web version and uses it from now on.
     */
    boolean refreshClientVersion();
}
