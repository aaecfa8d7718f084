package io.wafleet.protocol.client.messaging;

import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.proto.Message;
import io.wafleet.protocol.signal.EncryptedMessage;
import io.wafleet.protocol.signal.MessagePadding;
import io.wafleet.protocol.signal.PreKeyBundle;
import io.wafleet.protocol.signal.SignalAddress;
import io.wafleet.protocol.store.AuthStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Answers another device's retry receipt (it could not decrypt a message of ours): a fresh session from the keys
 * the receipt carries, or from a newly fetched bundle, then the same message again to that device alone, with
 * the same id. At most {@link MessageReceiver#MAX_RETRIES} times per message.
 *
 * <p>The message comes from the recent ones kept in memory ({@link SentMessages}), else from the owner's
 * {@link SentTextLookup}; ids neither knows are not answered. Only a device of the chat the message went to, or
 * one of our own devices (they get a copy of everything we send), is answered: the server names the asking
 * device, but the id is the asker's word, and a receipt naming another chat's message must not make us send
 * that chat's text to whoever asked.
 */
final class RetryResponder {
    private static final System.Logger LOG = System.getLogger(RetryResponder.class.getName());

    private final AuthStore store;
    private final SignalSessions sessions;
    private final LidMappings lids;
    private final SentMessages sent;
    private final SentTextLookup owner;
    private final Executor async;

    RetryResponder(AuthStore store, SignalSessions sessions, LidMappings lids, SentMessages sent, SentTextLookup owner,
                   Executor async) {
        this.store = store;
        this.sessions = sessions;
        this.lids = lids;
        this.sent = sent;
        this.owner = owner;
        this.async = async;
    }

    CompletableFuture<Void> answer(ServerLink link, Node receipt) {
        Optional<String> id = receipt.attr("id");
        Optional<Jid> device = receipt.attr("from").flatMap(Jid::parse);
        int count = receipt.child("retry").flatMap(r -> r.attr("count")).map(RetryResponder::number).orElse(1);
        if (id.isEmpty() || device.isEmpty() || count > MessageReceiver.MAX_RETRIES) {
            LOG.log(System.Logger.Level.INFO, "retry receipt for {0} not answered (no id or sender, or too many retries)",
                    id.orElse("?"));
            return CompletableFuture.completedFuture(null);
        }
        Jid target = device.get();
        Optional<SentMessages.Sent> known = sent.find(id.get()).or(() -> fromOwner(id.get()));
        if (known.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "retry receipt for {0} not answered: not a message we know", id.get());
            return CompletableFuture.completedFuture(null);
        }
        SentMessages.Sent original = known.get();
        if (!mayAskFor(target, original.to())) {
            LOG.log(System.Logger.Level.WARNING, "retry receipt for {0} refused: it asks for a message of another chat",
                    id.get());
            return CompletableFuture.completedFuture(null);
        }
        Optional<PreKeyBundle> offered = KeyNodes.retryBundle(receipt, target.deviceId());
        CompletableFuture<PreKeyBundle> bundle = offered.isPresent()
                ? CompletableFuture.completedFuture(offered.get())
                : link.query(KeyNodes.bundleQuery(List.of(target))).thenApplyAsync(reply ->
                        Optional.ofNullable(KeyNodes.parseBundles(reply).get(target.toString()))
                                .orElseThrow(() -> new MessagingException("no bundle for " + target + " to answer its retry")), async);
        return bundle.thenComposeAsync(keys -> {
            Account account = Account.of(store);
            Message message = account.isOwnUser(target) && !account.isOwnUser(original.to())
                    ? MessagePayloads.forOwnDevices(original.message(), original.to().toString())
                    : original.message();
            SignalAddress address = lids.addressOf(target);
            EncryptedMessage encrypted = sessions.transact(cipher -> {
                cipher.processBundle(address, keys);
                return cipher.encrypt(address, MessagePadding.padRandomly(message.toByteArray()));
            });
            return link.sendMessage(MessageStanzas.resend(id.get(), target, encrypted, count, account.deviceIdentity()));
        }, async).thenAccept(ack -> { });
    }

    /** The owner's record, in the cache's shape; a record naming no 1:1 user, or a failing lookup, is no record. */
    private Optional<SentMessages.Sent> fromOwner(String id) {
        try {
            return owner.find(id).flatMap(text -> Jid.parse(text.to())
                    .map(Jid::toNormalizedUser)
                    .filter(to -> to.isPnUser() || to.isLidUser())
                    .map(to -> new SentMessages.Sent(to, MessagePayloads.text(text.text()))));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the owner''s lookup of sent message {0} failed: {1}", id, e.toString());
            return Optional.empty();
        }
    }

    /** A device of the chat (in either of its names) or one of our own devices. */
    private boolean mayAskFor(Jid device, Jid chat) {
        return Account.of(store).isOwnUser(device) || lids.canonicalUser(device).equals(lids.canonicalUser(chat));
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            // An unreadable count counts as "too many": answer() then declines instead of guessing a retry round.
            return Integer.MAX_VALUE;
        }
    }
}
