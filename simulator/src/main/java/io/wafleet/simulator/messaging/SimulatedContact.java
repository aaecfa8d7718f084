package io.wafleet.simulator.messaging;

import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.jid.JidServer;
import io.wafleet.protocol.signal.EncryptedMessage;
import io.wafleet.protocol.signal.PreKeyBundle;
import io.wafleet.protocol.signal.SignalAddress;
import io.wafleet.protocol.signal.SignalException;
import io.wafleet.simulator.Counters;
import io.wafleet.simulator.device.DeviceRegistry;
import io.wafleet.simulator.device.MaskedNumber;
import io.wafleet.simulator.device.PhoneAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

/**
 * The primary device (device 0) of a simulated account: a WhatsApp user with its own Signal identity, who
 * sends texts to anyone and decrypts what is addressed to it. The phone that linked companions is one too, and
 * so receives the DeviceSentMessage copies its companions make of what they send.
 * <pre>
 *   SimulatedContact alice = sim.newContact("+15550002");
 *   String id = alice.send(companionUser, "hello");          // pkmsg first, msg once the companion answered
 *   ReceivedMessage reply = alice.awaitMessage(Duration.ofSeconds(10));
 * </pre>
 */
public final class SimulatedContact {
    private final String number;
    private final String lidUser;
    private final SignalPeer peer;
    private final MessageRouter router;
    private final Counters counters;
    private final Clock clock;
    private final Inbox inbox = new Inbox();
    private final List<DeliveryReceipt> receipts = new CopyOnWriteArrayList<>();
    private final List<String> decryptFailures = new CopyOnWriteArrayList<>();

    /** A receipt for a message this device sent: from whom, and its type (absent for a plain delivery receipt). */
    public record DeliveryReceipt(String messageId, Jid from, Optional<String> type) {}

    SimulatedContact(PhoneAccount account, SignalPeer peer, MessageRouter router, Counters counters, Clock clock) {
        this.number = account.number();
        this.lidUser = account.lidUser();
        this.peer = peer;
        this.router = router;
        this.counters = counters;
        this.clock = clock;
    }

    /** Digits only. */
    public String number() {
        return number;
    }

    /** The account's user JID, {@code <number>@s.whatsapp.net}. */
    public Jid jid() {
        return Jid.of(number, JidServer.WHATSAPP);
    }

    public Jid lid() {
        return Jid.of(lidUser, JidServer.LID);
    }

    /** The push name recipients see in {@code notify}. */
    public String pushName() {
        return "Contact " + number.substring(Math.max(0, number.length() - 4));
    }

    /**
     * Sends a text to {@code to} (a user, phone-number or LID form): one copy per device of the recipient, and a
     * DeviceSentMessage copy per companion of this account; a session is started from a fetched bundle for
     * every device without one. Returns the message id.
     *
     * Sends from one account run one at a time, so their copies leave in order and a session is started once.
     *
     * @throws IllegalArgumentException when the recipient is not an account of this simulator
     */
    public synchronized String send(Jid to, String text) {
        Jid chat = router.canonicalDevice(to).map(Jid::toNormalizedUser)
                .orElseThrow(() -> new IllegalArgumentException("not a user of this simulator: " + to.server()));
        List<Jid> recipients = router.devicesOf(chat.user());
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("no account with this number in the simulator");
        }
        List<DeviceCiphertext> copies = new ArrayList<>();
        for (Jid device : recipients) {
            encryptFor(device, TextMessages.paddedText(text)).ifPresent(copies::add);
        }
        for (Jid own : router.devicesOf(number)) {
            if (own.deviceId() != 0) {
                encryptFor(own, TextMessages.paddedDeviceSentText(text, chat)).ifPresent(copies::add);
            }
        }
        String id = router.newMessageId();
        router.route(new Envelope(DeviceRegistry.deviceJid(number, 0), chat, id, "text", Optional.of(pushName()), copies,
                clock.instant()));
        return id;
    }

    /** Encrypts for one device, starting a session from its bundle when there is none; empty if it has no keys. */
    private Optional<DeviceCiphertext> encryptFor(Jid device, byte[] paddedPlaintext) {
        SignalAddress address = address(device);
        if (!peer.hasSession(address)) {
            Optional<PreKeyBundle> bundle = router.takeBundle(device);
            if (bundle.isEmpty()) {
                return Optional.empty();
            }
            peer.startSession(address, bundle.get());
        }
        return Optional.of(new DeviceCiphertext(device, peer.encrypt(address, paddedPlaintext)));
    }

    /** Decrypts a copy routed to this device; a text is kept, and a delivery receipt goes back to the sender. */
    void receive(Jid from, Jid chat, String id, EncryptedMessage message, boolean fromOwnDevice, Instant acceptedAt) {
        TextMessages.Content content;
        try {
            content = TextMessages.read(peer.decrypt(address(from), message));
        } catch (SignalException e) {
            counters.decryptFailed();
            decryptFailures.add(id + ": " + e.reason());
            return;
        }
        content.text().ifPresent(text -> inbox.add(new ReceivedMessage(id, from,
                content.destination().filter(destination -> fromOwnDevice).orElse(chat), text, fromOwnDevice,
                message.type(), acceptedAt, clock.instant())));
        if (!fromOwnDevice) {
            router.forwardReceipt(DeviceRegistry.deviceJid(number, 0), id, Optional.empty());
        }
    }

    void receiptReceived(String id, Jid from, Optional<String> type) {
        receipts.add(new DeliveryReceipt(id, from, type));
    }

    SignalPeer peer() {
        return peer;
    }

    /** Sessions are kept per device in its phone-number form, whichever form a message or bundle used. */
    private static SignalAddress address(Jid device) {
        return SignalAddress.phoneNumber(device.user(), device.deviceId());
    }

    /** Every text received so far, in arrival order. */
    public List<ReceivedMessage> received() {
        return inbox.all();
    }

    /** The next text not returned by this method before, waiting up to {@code timeout}. */
    public ReceivedMessage awaitMessage(Duration timeout) throws TimeoutException, InterruptedException {
        return inbox.next(timeout);
    }

    /** The first {@code count} texts received, waiting up to {@code timeout} for them. */
    public List<ReceivedMessage> awaitMessages(int count, Duration timeout) throws TimeoutException, InterruptedException {
        return inbox.first(count, timeout);
    }

    /** Receipts for messages this device sent, in arrival order. */
    public List<DeliveryReceipt> receipts() {
        return List.copyOf(receipts);
    }

    /**
     * Asks the companion that sent message {@code id} to send it again, with the retry receipt a device that could
     * not decrypt it would send (retry round {@code retryCount}, our registration id, no keys). Whatever the
     * sender answers arrives like any other message. The id is taken as given: naming a message sent to someone
     * else is how a test plays a device asking for what is not its own.
     *
     * @return false when no connected companion sent a message with this id
     */
    public boolean askForMessageAgain(String id, int retryCount) {
        return router.askSenderAgain(DeviceRegistry.deviceJid(number, 0), id, retryCount, peer.registrationId());
    }

    /** Message ids that could not be decrypted, each with the Signal failure reason. */
    public List<String> decryptFailures() {
        return List.copyOf(decryptFailures);
    }

    @Override
    public String toString() {
        return "SimulatedContact[" + MaskedNumber.of(number) + "]";
    }
}
