package io.wafleet.simulator.peer;

import io.wafleet.protocol.client.ClientEvent;
import io.wafleet.protocol.client.ClientOptions;
import io.wafleet.protocol.client.WaClient;
import io.wafleet.protocol.client.messaging.InboundText;
import io.wafleet.protocol.noise.TrustedRoot;
import io.wafleet.protocol.store.Credentials;
import io.wafleet.protocol.store.FileAuthStore;
import io.wafleet.protocol.store.StateChange;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One started account: its {@link FileAuthStore} and the {@link WaClient} on it, with every client event
 * translated to an output line. A received text is written (and flushed) before the listener returns, so the
 * client's delivery receipt can only leave after the harness could read the text.
 */
final class PeerSession implements AutoCloseable {
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final FileAuthStore store;
    private final WaClient client;
    private final PeerOutput output;

    private PeerSession(FileAuthStore store, WaClient client, PeerOutput output) {
        this.store = store;
        this.client = client;
        this.output = output;
    }

    static PeerSession start(PeerCommand.Start start, PeerOutput output) {
        FileAuthStore store = FileAuthStore.open(start.store());
        try {
            if (store.state().credentials().isEmpty()) {
                store.apply(StateChange.of(Credentials.generate()));
            }
            ClientOptions options = ClientOptions.defaults().withServer(start.ws(), TrustedRoot.explicit(start.root()));
            WaClient client = WaClient.start(store, options, event -> report(event, output));
            return new PeerSession(store, client, output);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    void send(PeerCommand.Send send) {
        String id = send.id().orElseGet(() -> client.messageIds().next());
        client.sendText(send.to(), send.text(), id).whenComplete((sent, error) -> {
            if (error == null) {
                output.event("sent", line -> line.put("id", sent.id()).put("devices", sent.devices()));
            } else {
                output.event("send-failed", line -> line.put("id", id).put("message", String.valueOf(error.getMessage())));
            }
        });
    }

    /** Closes the socket, waits for the client to end, then releases the store. */
    @Override
    public void close() {
        try {
            client.close();
            client.terminated().get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            output.error("the client did not end cleanly: " + e);
        } finally {
            store.close();
        }
    }

    private static void report(ClientEvent event, PeerOutput output) {
        switch (event) {
            case ClientEvent.QrCode qr -> output.event("qr", line -> line.put("qr", qr.code()));
            case ClientEvent.Paired paired -> output.event("paired", line -> line.put("jid", paired.jid()));
            case ClientEvent.Connected connected -> output.event("connected", line -> line.put("jid", connected.jid()));
            case ClientEvent.MessageReceived received -> {
                InboundText message = received.message();
                output.event("message", line -> {
                    line.put("id", message.id()).put("from", message.from()).put("text", message.text());
                    message.destination().ifPresent(destination -> line.put("destination", destination));
                });
            }
            case ClientEvent.ReceiptReceived receipt -> output.event("receipt", line -> {
                receipt.messageIds().forEach(line.putArray("ids")::add);
                line.put("from", receipt.from());
                receipt.type().ifPresent(type -> line.put("type", type));
            });
            case ClientEvent.Closed closed -> output.event("closed", line -> line
                    .put("category", closed.reason().category().name()).put("code", closed.reason().code()));
            case ClientEvent.CredentialsChanged _ -> {
                // Durable already; nothing the harness acts on.
            }
        }
    }
}
