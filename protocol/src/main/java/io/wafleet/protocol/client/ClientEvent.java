package io.wafleet.protocol.client;

import io.wafleet.protocol.client.messaging.InboundText;
import io.wafleet.protocol.jid.JidMasking;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one account's client reports to its owner. Every connection attempt ends with exactly one {@link Closed}
 * event; everything else happens in between. Events carry no secrets: QR strings are the one exception, since
 * showing them is their purpose, and they are never logged.
 */
public sealed interface ClientEvent {

    /** The server offered a pairing ref: show {@code code} as a QR code until {@code expiresAt}. */
    record QrCode(String code, Instant expiresAt) implements ClientEvent {
        public QrCode {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String toString() {
            return "QrCode[expiresAt=" + expiresAt + "]";
        }
    }

    /** The phone linked this device; the server will now ask for a restart and the client logs in. */
    record Paired(String jid, Optional<String> lid, Optional<String> businessName, String platform) implements ClientEvent {
        /** Events get logged: the account's number is masked. */
        @Override
        public String toString() {
            return "Paired[jid=" + JidMasking.mask(jid) + ", lid=" + lid.map(JidMasking::mask).orElse("-")
                    + ", businessName=" + businessName.orElse("-") + ", platform=" + platform + "]";
        }
    }

    /** Logged in: {@code <success>} received. */
    record Connected(String jid, Optional<String> pushName) implements ClientEvent {
        /** Events get logged: the number is masked and the push name (a person's name) left out. */
        @Override
        public String toString() {
            return "Connected[jid=" + JidMasking.mask(jid) + ", pushName=" + (pushName.isPresent() ? "<set>" : "-") + "]";
        }
    }

    /**
     * A text message arrived, already durable in the store. Its delivery receipt is sent after the listener
     * returns; if the process dies first, the same message (same id) comes again after the next login.
     */
    record MessageReceived(InboundText message) implements ClientEvent {
        public MessageReceived {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A recipient's device reports on messages we sent: {@code type} absent means delivered; {@code read},
     * {@code played}, {@code inactive} (delivered to a device not in use), {@code sender} (our own other device)
     * are WhatsApp's other kinds. {@code from} is the reporting user or device.
     */
    record ReceiptReceived(List<String> messageIds, String from, Optional<String> type) implements ClientEvent {
        public ReceiptReceived {
            messageIds = List.copyOf(messageIds);
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(type, "type");
        }

        /** Events get logged: the reporting contact's number is masked. */
        @Override
        public String toString() {
            return "ReceiptReceived[messageIds=" + messageIds + ", from=" + JidMasking.mask(from) + ", type="
                    + type.orElse("delivery") + "]";
        }
    }

    /** The stored auth state changed (pairing, routing info, counters): already durable when this is sent. */
    record CredentialsChanged(Set<String> fields) implements ClientEvent {}

    /** The end of one connection, with the one classification every consumer acts on. */
    sealed interface Closed extends ClientEvent {
        DisconnectReason reason();
    }

    /** A transient loss or a restart request: reconnecting is expected. */
    record Disconnected(DisconnectReason reason) implements Closed {}

    /** Nothing came from the server for {@code silentFor}: the peer is considered dead. */
    record KeepAliveTimeout(Duration silentFor, DisconnectReason reason) implements Closed {}

    /** The credentials no longer work (401, device removed, 403, 411): a new link is needed. */
    record LoggedOut(DisconnectReason reason) implements Closed {}

    /** Another client connected with these credentials (440). */
    record StreamReplaced(DisconnectReason reason) implements Closed {}

    /** 402: retry after {@code until} when known. */
    record TemporarilyBanned(Optional<Instant> until, DisconnectReason reason) implements Closed {}

    /** 406 or another permanent ban. */
    record Banned(DisconnectReason reason) implements Closed {}

    /** 405: the configured WhatsApp Web version is too old. */
    record ClientOutdated(DisconnectReason reason) implements Closed {}
}
