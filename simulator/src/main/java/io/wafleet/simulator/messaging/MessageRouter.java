package io.wafleet.simulator.messaging;

import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.jid.JidServer;
import io.wafleet.protocol.signal.EncryptedMessage;
import io.wafleet.protocol.signal.PreKeyBundle;
import io.wafleet.protocol.signal.SignalException;
import io.wafleet.simulator.Counters;
import io.wafleet.simulator.device.DeviceRecord;
import io.wafleet.simulator.device.DeviceRegistry;
import io.wafleet.simulator.device.PhoneAccount;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The server's message switch (protocol.md §8): takes a {@code <message>} fan-out from any device — a linked
 * companion on a connection, or a simulated primary device — and hands each {@code <to jid>} copy to its device:
 * a companion's connection (queued while it is offline, delivered at its next login), or the simulated primary
 * device of the account (device 0), which decrypts it. Receipts go back to the device that sent the message.
 *
 * <p>Every account's device 0 is a simulated Signal peer ({@link SimulatedContact}), created on first use with
 * the account's identity key: a "contact" is simply an account nobody linked a companion to yet.
 */
public final class MessageRouter {
    /** Per device; a client offline longer than this loses the oldest copies, as counted in the stats. */
    public static final int OFFLINE_QUEUE_CAPACITY = 1000;
    /** How many message ids are remembered for routing receipts back to their sender. */
    private static final int REMEMBERED_SENDERS = 50_000;

    private final DeviceRegistry registry;
    private final Counters counters;
    private final Clock clock;
    private final SecureRandom random;
    private final ConcurrentMap<String, SimulatedContact> contacts = new ConcurrentHashMap<>();
    private final ConcurrentMap<Jid, Mailbox> mailboxes = new ConcurrentHashMap<>();
    private final Map<String, Jid> senders = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Jid> eldest) {
            return size() > REMEMBERED_SENDERS;
        }
    };

    public MessageRouter(DeviceRegistry registry, Counters counters, Clock clock, SecureRandom random) {
        this.registry = registry;
        this.counters = counters;
        this.clock = clock;
        this.random = random;
    }

    // ---- accounts' primary devices -----------------------------------------------------------------------

    /** The simulated primary device of this number, creating the account (and its identity key) if needed. */
    public SimulatedContact contact(String number) {
        return contacts(List.of(number)).getFirst();
    }

    /** The simulated primary devices of these numbers, in order, creating the new accounts with one state-file write. */
    public List<SimulatedContact> contacts(List<String> numbers) {
        return registry.phones(numbers).stream()
                .map(account -> contacts.computeIfAbsent(account.number(), key -> newContact(account)))
                .toList();
    }

    /** The primary device of an existing account; empty for a number the simulator does not know. */
    public Optional<SimulatedContact> findContact(String digits) {
        return registry.findPhoneExact(digits).map(account -> contacts.computeIfAbsent(account.number(), key -> newContact(account)));
    }

    public List<SimulatedContact> contacts() {
        return List.copyOf(contacts.values());
    }

    private SimulatedContact newContact(PhoneAccount account) {
        return new SimulatedContact(account, new SignalPeer(account.identity(), random, clock), this, counters, clock);
    }

    // ---- addressing and keys -----------------------------------------------------------------------------

    /** A device address in its phone-number form, also when given as a LID; empty for other servers or unknown LIDs. */
    Optional<Jid> canonicalDevice(Jid address) {
        if (address.server().equals(JidServer.WHATSAPP)) {
            return Optional.of(DeviceRegistry.deviceJid(address.user(), address.deviceId()));
        }
        if (address.server().equals(JidServer.LID)) {
            return registry.findPhoneByLid(address.user())
                    .map(phone -> DeviceRegistry.deviceJid(phone.number(), address.deviceId()));
        }
        return Optional.empty();
    }

    /** The devices a message to this user goes to: the primary device and every linked companion still active. */
    List<Jid> devicesOf(String number) {
        if (registry.findPhoneExact(number).isEmpty()) {
            return List.of();
        }
        List<Jid> devices = new ArrayList<>();
        devices.add(DeviceRegistry.deviceJid(number, 0));
        registry.activeDevicesOf(number).forEach(device -> devices.add(device.jid()));
        return devices;
    }

    /**
     * A pre-key bundle for a device, in phone-number or LID form, handing out one of its one-time pre-keys
     * (never the same one twice). Empty for an unknown or removed device.
     */
    public Optional<PreKeyBundle> takeBundle(Jid address) {
        Optional<Jid> device = canonicalDevice(address);
        if (device.isEmpty()) {
            return Optional.empty();
        }
        if (device.get().deviceId() == 0) {
            return findContact(device.get().user()).map(contact -> contact.peer().takeBundle());
        }
        return registry.find(device.get()).filter(record -> !record.removed())
                .flatMap(record -> registry.takeBundle(record.jid()))
                .flatMap(MessageRouter::toSignalBundle);
    }

    /** A companion's uploaded keys as a Signal bundle; keys a client uploaded malformed make no bundle. */
    private static Optional<PreKeyBundle> toSignalBundle(io.wafleet.simulator.device.PreKeyBundle stored) {
        DeviceRecord device = stored.device();
        try {
            return Optional.of(new PreKeyBundle(device.registrationId(), device.jid().deviceId(), device.identityKey(),
                    device.signedPreKey().id(), device.signedPreKey().publicKey(), device.signedPreKey().signature(),
                    stored.oneTimePreKey().map(key -> new PreKeyBundle.OneTimeKey(key.id(), key.publicKey()))));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    // ---- messages from connections -----------------------------------------------------------------------

    /**
     * Reads a {@code <message>} a companion sent: the chat in {@code to}, one {@code <enc>} per device under
     * {@code <participants><to jid>}, or directly under the message for the single device {@code to} names.
     * A message with a pkmsg must carry the sender's {@code <device-identity>}, signed by its phone.
     */
    public InboundMessage accept(Jid sender, Node message) {
        Optional<Jid> chat = message.attr("to").flatMap(Jid::parse);
        Optional<String> id = message.attr("id").filter(value -> !value.isEmpty());
        if (chat.isEmpty() || id.isEmpty()) {
            return new InboundMessage.Rejected(400, "message without to or id");
        }
        List<DeviceCiphertext> copies = new ArrayList<>();
        try {
            for (Node to : message.child("participants").map(p -> p.childrenByTag("to")).orElse(List.of())) {
                Optional<Jid> device = to.attr("jid").flatMap(Jid::parse);
                Optional<Node> enc = to.child("enc");
                if (device.isPresent() && enc.isPresent()) {
                    copies.add(new DeviceCiphertext(device.get(), encrypted(enc.get())));
                }
            }
            for (Node enc : message.childrenByTag("enc")) {
                copies.add(new DeviceCiphertext(chat.get(), encrypted(enc)));
            }
        } catch (SignalException malformed) {
            return new InboundMessage.Rejected(400, malformed.getMessage());
        }
        boolean anyPkmsg = copies.stream().anyMatch(copy -> copy.message().type() == EncryptedMessage.Type.PKMSG);
        if (anyPkmsg && !hasValidDeviceIdentity(sender, message)) {
            return new InboundMessage.Rejected(400, "pkmsg without a valid device-identity");
        }
        Envelope envelope = new Envelope(sender, chat.get().toNormalizedUser(), id.get(),
                message.attr("type").orElse("text"), Optional.empty(), copies, clock.instant());
        return new InboundMessage.Accepted(envelope);
    }

    private boolean hasValidDeviceIdentity(Jid sender, Node message) {
        Optional<byte[]> encoded = message.child("device-identity").flatMap(Node::contentBytes);
        Optional<DeviceRecord> record = registry.find(sender);
        Optional<PhoneAccount> phone = record.flatMap(device -> registry.findPhoneExact(device.phone()));
        return encoded.isPresent() && phone.isPresent()
                && DeviceIdentityCheck.isValid(encoded.get(), record.get(), phone.get().identity().publicKey());
    }

    private static EncryptedMessage encrypted(Node enc) {
        String type = enc.attr("type").orElse("");
        byte[] body = enc.contentBytes().orElseThrow(() ->
                new SignalException(SignalException.Reason.MALFORMED, "enc without content"));
        return new EncryptedMessage(EncryptedMessage.Type.fromAttribute(type), body);
    }

    // ---- routing -----------------------------------------------------------------------------------------

    /** Hands every copy to its device; the sender's own copy (if it listed itself) is skipped. */
    public void route(InboundMessage.Accepted accepted) {
        route(accepted.envelope());
    }

    void route(Envelope envelope) {
        remember(envelope.id(), envelope.sender());
        for (DeviceCiphertext copy : envelope.copies()) {
            Optional<Jid> target = canonicalDevice(copy.device());
            if (target.isEmpty() || target.get().equals(envelope.sender())) {
                if (target.isEmpty()) {
                    counters.messageUndeliverable();
                }
                continue;
            }
            deliver(envelope, target.get(), copy.message());
        }
    }

    private void deliver(Envelope envelope, Jid target, EncryptedMessage message) {
        boolean ownDevice = target.user().equals(envelope.sender().user());
        if (target.deviceId() == 0) {
            Optional<SimulatedContact> primary = findContact(target.user());
            if (primary.isEmpty()) {
                counters.messageUndeliverable();
                return;
            }
            counters.messageRouted();
            primary.get().receive(envelope.sender(), ownDevice ? envelope.chat() : envelope.sender().toNormalizedUser(),
                    envelope.id(), message, ownDevice, envelope.acceptedAt());
            return;
        }
        if (registry.find(target).filter(record -> !record.removed()).isEmpty()) {
            counters.messageUndeliverable();
            return;
        }
        Node.Builder stanza = Node.builder("message")
                .attr("from", envelope.sender().toString())
                .attr("id", envelope.id())
                .attr("t", Long.toString(envelope.acceptedAt().getEpochSecond()))
                .attr("type", envelope.type());
        if (ownDevice) {
            stanza.attr("recipient", envelope.chat().toString());
        }
        envelope.pushName().ifPresent(name -> stanza.attr("notify", name));
        stanza.child(Node.builder("enc").attr("v", "2").attr("type", message.type().attribute()).bytes(message.body()).build());
        counters.messageRouted();
        switch (mailbox(target).deliverOrQueue(stanza.build())) {
            case DELIVERED -> { }
            case QUEUED -> counters.messageQueued();
            case QUEUED_OLDEST_DROPPED -> {
                counters.messageQueued();
                counters.queuedMessageDropped();
            }
        }
    }

    // ---- receipts ----------------------------------------------------------------------------------------

    /**
     * A receipt a companion sent for a message it received: forwarded to the device that sent the message, as
     * {@code <receipt from='<recipient user>' id t [type]/>}. Receipts for unknown ids are dropped (after the ack).
     */
    public void receiptFromDevice(Jid recipientDevice, Node receipt) {
        receipt.attr("id").ifPresent(id -> acknowledgedBy(recipientDevice, id));
        Optional<String> type = receipt.attr("type");
        if (type.equals(Optional.of("retry"))) {
            counters.retryReceiptReceived();
        }
        receipt.attr("id").ifPresent(id -> forwardReceipt(recipientDevice, id, type));
    }

    void forwardReceipt(Jid recipientDevice, String id, Optional<String> type) {
        Optional<Jid> sender = sender(id);
        if (sender.isEmpty()) {
            return;
        }
        Jid from = recipientDevice.toNormalizedUser();
        if (sender.get().deviceId() == 0) {
            findContact(sender.get().user()).ifPresent(contact -> contact.receiptReceived(id, from, type));
            counters.receiptRouted();
            return;
        }
        Node.Builder stanza = Node.builder("receipt").attr("from", from.toString()).attr("id", id)
                .attr("t", Long.toString(clock.instant().getEpochSecond()));
        type.ifPresent(value -> stanza.attr("type", value));
        if (mailbox(sender.get()).deliverIfConnected(stanza.build())) {
            counters.receiptRouted();
        }
    }

    /**
     * A retry receipt from {@code device} for message {@code id}, as a device that could not decrypt it sends one
     * (protocol.md §8.4): {@code <receipt from id type='retry' t><retry count id t v='1'/><registration/></receipt>},
     * without {@code <keys>}, so the sender fetches a fresh bundle. Goes to the companion that sent {@code id}, only
     * while it is connected (a retry is not queued); false when it was not delivered.
     */
    boolean askSenderAgain(Jid device, String id, int retryCount, int registrationId) {
        Optional<Jid> sender = sender(id).filter(found -> found.deviceId() != 0);
        if (sender.isEmpty()) {
            return false;
        }
        String now = Long.toString(clock.instant().getEpochSecond());
        Node receipt = Node.builder("receipt").attr("from", device.toString()).attr("id", id).attr("type", "retry").attr("t", now)
                .child(Node.of("retry", "count", Integer.toString(retryCount), "id", id, "t", now, "v", "1"))
                .child(Node.builder("registration").bytes(ByteBuffer.allocate(4).putInt(registrationId).array()).build())
                .build();
        return mailbox(sender.get()).deliverIfConnected(receipt);
    }

    /**
     * The device is done with message {@code id} (a receipt of any kind, or an {@code <ack class='message'>}):
     * it is no longer delivered again when the connection ends.
     */
    public void acknowledgedBy(Jid device, String id) {
        Optional.ofNullable(mailboxes.get(device)).ifPresent(mailbox -> mailbox.acknowledged(id));
    }

    // ---- connections -------------------------------------------------------------------------------------

    /** The device finished logging in on {@code connection}: queued copies go first; returns how many. */
    public int online(Jid device, MessageSink connection) {
        int delivered = mailbox(device).connect(connection);
        counters.offlineMessagesDelivered(delivered);
        return delivered;
    }

    public void offline(Jid device, MessageSink connection) {
        mailbox(device).disconnect(connection);
    }

    /** How many copies wait for this device to log in. */
    public int queuedFor(Jid device) {
        return Optional.ofNullable(mailboxes.get(device)).map(Mailbox::queuedCount).orElse(0);
    }

    private Mailbox mailbox(Jid device) {
        return mailboxes.computeIfAbsent(device, key -> new Mailbox(OFFLINE_QUEUE_CAPACITY));
    }

    private void remember(String id, Jid sender) {
        synchronized (senders) {
            senders.put(id, sender);
        }
    }

    private Optional<Jid> sender(String id) {
        synchronized (senders) {
            return Optional.ofNullable(senders.get(id));
        }
    }

    /** WhatsApp Web's id shape: {@code 3EB0} and 18 upper-case hex digits. */
    String newMessageId() {
        byte[] bytes = new byte[9];
        random.nextBytes(bytes);
        return "3EB0" + HexFormat.of().withUpperCase().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "MessageRouter[contacts=" + contacts.size() + ", mailboxes=" + mailboxes.size() + "]";
    }
}
