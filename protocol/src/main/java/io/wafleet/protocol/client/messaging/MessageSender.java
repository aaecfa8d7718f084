package io.wafleet.protocol.client.messaging;

import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.proto.Message;
import io.wafleet.protocol.signal.EncryptedMessage;
import io.wafleet.protocol.signal.MessagePadding;
import io.wafleet.protocol.signal.PreKeyBundle;
import io.wafleet.protocol.signal.SessionCipher;
import io.wafleet.protocol.signal.SignalAddress;
import io.wafleet.protocol.signal.SignalException;
import io.wafleet.protocol.store.AuthStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Sends one text (protocol.md §8): device lists of the recipient and of our own account, bundles for devices
 * without a session, one ciphertext per device (our own other devices get the deviceSentMessage copy), the
 * {@code <message>} stanza, and completion on the server's ack.
 *
 * <p>Network waits happen outside the Signal lock; building sessions and encrypting for every device is one
 * locked piece of work written as one store change.
 */
final class MessageSender {
    private static final System.Logger LOG = System.getLogger(MessageSender.class.getName());

    private final AuthStore store;
    private final SignalSessions sessions;
    private final LidMappings lids;
    private final DeviceLists deviceLists;
    private final SentMessages sent;
    private final Executor async;

    MessageSender(AuthStore store, SignalSessions sessions, LidMappings lids, DeviceLists deviceLists,
                  SentMessages sent, Executor async) {
        this.store = store;
        this.sessions = sessions;
        this.lids = lids;
        this.deviceLists = deviceLists;
        this.sent = sent;
        this.async = async;
    }

    CompletableFuture<SentMessage> sendText(ServerLink link, Jid recipient, String text, String id) {
        Account account = Account.of(store);
        Jid to = recipient.toNormalizedUser();
        if (!to.isPnUser() && !to.isLidUser()) {
            return CompletableFuture.failedFuture(new MessagingException("only 1:1 chats are supported, not " + to.server()));
        }
        Message message = MessagePayloads.text(text);
        List<Jid> users = account.isOwnUser(to) ? List.of(to) : List.of(to, account.user());
        return then(deviceLists.devicesOf(link, users, async),
                devices -> ciphertexts(link, targets(devices, account), message, to, account))
                .thenCompose(ciphertexts -> {
                    if (ciphertexts.stream().noneMatch(c -> c.device().toNormalizedUser().equals(to))) {
                        throw new MessagingException("no device of the recipient could be reached");
                    }
                    sent.remember(id, to, message);
                    Node stanza = MessageStanzas.outbound(id, to, ciphertexts, account.deviceIdentity());
                    return link.sendMessage(stanza).thenApply(ack -> accepted(ack, id, to, ciphertexts.size()));
                });
    }

    /**
     * Continues on this thread when {@code stage} is complete already (the device lists were cached), else on
     * {@link #async}: a stage that completes later does so on the connection's reader, which must never wait for
     * the Signal lock or a disk write. Most sends are the first kind, and skip a thread hand-over per step.
     */
    private <T, U> CompletableFuture<U> then(CompletableFuture<T> stage, Function<T, CompletableFuture<U>> next) {
        return stage.isDone() ? stage.thenCompose(next) : stage.thenComposeAsync(next, async);
    }

    /**
     * One ciphertext per device. When every device has an open session (every message after the first to a
     * device), one locked piece of work encrypts for all of them; otherwise that work is abandoned unwritten and
     * the bundles of the devices without a session are fetched first.
     */
    private CompletableFuture<List<MessageStanzas.DeviceCiphertext>> ciphertexts(ServerLink link, List<Jid> devices,
                                                                                Message message, Jid to, Account account) {
        Plaintexts plaintexts = new Plaintexts(message, to, account);
        Optional<List<MessageStanzas.DeviceCiphertext>> onOpenSessions = sessions.transactIfPresent(cipher -> {
            List<MessageStanzas.DeviceCiphertext> out = new ArrayList<>(devices.size());
            for (Jid device : devices) {
                Optional<EncryptedMessage> encrypted = cipher.encryptIfOpen(lids.addressOf(device),
                        MessagePadding.padRandomly(plaintexts.forDevice(device)));
                if (encrypted.isEmpty()) {
                    return Optional.empty();
                }
                out.add(new MessageStanzas.DeviceCiphertext(device, encrypted.get()));
            }
            return Optional.of(out);
        });
        if (onOpenSessions.isPresent()) {
            return CompletableFuture.completedFuture(onOpenSessions.get());
        }
        return then(withBundles(link, devices), prepared -> CompletableFuture.completedFuture(encryptAll(prepared, plaintexts)));
    }

    /** The serialised message for the recipient's devices, and its deviceSentMessage copy for our other devices. */
    private static final class Plaintexts {
        private final byte[] forRecipient;
        private final byte[] forOwnDevices;
        private final Jid to;
        private final Account account;

        Plaintexts(Message message, Jid to, Account account) {
            this.forRecipient = message.toByteArray();
            this.forOwnDevices = account.isOwnUser(to) ? forRecipient
                    : MessagePayloads.forOwnDevices(message, to.toString()).toByteArray();
            this.to = to;
            this.account = account;
        }

        byte[] forDevice(Jid device) {
            return account.isOwnUser(device) && !account.isOwnUser(to) ? forOwnDevices : forRecipient;
        }
    }

    /** Every device to encrypt for: all of the recipient's, and ours except this one. */
    private static List<Jid> targets(Map<Jid, List<Jid>> devices, Account account) {
        List<Jid> targets = new ArrayList<>();
        devices.values().forEach(list -> list.stream().filter(device -> !account.isThisDevice(device)).forEach(targets::add));
        return targets;
    }

    private record Prepared(List<Jid> devices, Map<String, PreKeyBundle> bundles) {}

    private CompletableFuture<Prepared> withBundles(ServerLink link, List<Jid> devices) {
        List<Jid> withoutSession = sessions.transact(cipher -> devices.stream()
                .filter(device -> !cipher.hasOpenSession(lids.addressOf(device))).toList());
        if (withoutSession.isEmpty()) {
            return CompletableFuture.completedFuture(new Prepared(devices, Map.of()));
        }
        return link.query(KeyNodes.bundleQuery(withoutSession))
                .thenApplyAsync(reply -> new Prepared(devices, KeyNodes.parseBundles(reply)), async);
    }

    private List<MessageStanzas.DeviceCiphertext> encryptAll(Prepared prepared, Plaintexts plaintexts) {
        return sessions.transact(cipher -> {
            List<MessageStanzas.DeviceCiphertext> out = new ArrayList<>();
            for (Jid device : prepared.devices()) {
                encryptFor(cipher, device, prepared.bundles().get(device.toString()), plaintexts.forDevice(device))
                        .ifPresent(encrypted -> out.add(new MessageStanzas.DeviceCiphertext(device, encrypted)));
            }
            return out;
        });
    }

    /** One device's ciphertext; a device with neither a session nor a usable bundle is skipped (and logged). */
    private Optional<EncryptedMessage> encryptFor(SessionCipher cipher, Jid device, PreKeyBundle bundle, byte[] plaintext) {
        SignalAddress address = lids.addressOf(device);
        try {
            if (!cipher.hasOpenSession(address)) {
                if (bundle == null) {
                    LOG.log(System.Logger.Level.WARNING, "no session and no bundle for {0}: skipped", address);
                    return Optional.empty();
                }
                cipher.processBundle(address, bundle);
            }
            return Optional.of(cipher.encrypt(address, MessagePadding.padRandomly(plaintext)));
        } catch (SignalException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot encrypt for {0}: {1}", address, e.getMessage());
            return Optional.empty();
        }
    }

    private static SentMessage accepted(Node ack, String id, Jid to, int devices) {
        ack.attr("error").ifPresent(error -> {
            throw new MessagingException("the server refused message " + id + " with error " + error);
        });
        return new SentMessage(id, to.toString(), devices);
    }
}
