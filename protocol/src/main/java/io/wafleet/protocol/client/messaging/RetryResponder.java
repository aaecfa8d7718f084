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
 * the same id. At most {@link MessageReceiver#MAX_RETRIES} times per message; ids we no longer remember
 * ({@link SentMessages}) are not answered.
 */
final class RetryResponder {
    private static final System.Logger LOG = System.getLogger(RetryResponder.class.getName());

    private final AuthStore store;
    private final SignalSessions sessions;
    private final LidMappings lids;
    private final SentMessages sent;
    private final Executor async;

    RetryResponder(AuthStore store, SignalSessions sessions, LidMappings lids, SentMessages sent, Executor async) {
        this.store = store;
        this.sessions = sessions;
        this.lids = lids;
        this.sent = sent;
        this.async = async;
    }

    CompletableFuture<Void> answer(ServerLink link, Node receipt) {
        Optional<String> id = receipt.attr("id");
        Optional<Jid> device = receipt.attr("from").flatMap(Jid::parse);
        int count = receipt.child("retry").flatMap(r -> r.attr("count")).map(RetryResponder::number).orElse(1);
        Optional<SentMessages.Sent> original = id.flatMap(sent::find);
        if (id.isEmpty() || device.isEmpty() || original.isEmpty() || count > MessageReceiver.MAX_RETRIES) {
            LOG.log(System.Logger.Level.INFO, "retry receipt for {0} not answered (unknown message or too many retries)",
                    id.orElse("?"));
            return CompletableFuture.completedFuture(null);
        }
        Jid target = device.get();
        Optional<PreKeyBundle> offered = KeyNodes.retryBundle(receipt, target.deviceId());
        CompletableFuture<PreKeyBundle> bundle = offered.isPresent()
                ? CompletableFuture.completedFuture(offered.get())
                : link.query(KeyNodes.bundleQuery(List.of(target))).thenApplyAsync(reply ->
                        Optional.ofNullable(KeyNodes.parseBundles(reply).get(target.toString()))
                                .orElseThrow(() -> new MessagingException("no bundle for " + target + " to answer its retry")), async);
        return bundle.thenComposeAsync(keys -> {
            Account account = Account.of(store);
            Message message = account.isOwnUser(target) && !account.isOwnUser(original.get().to())
                    ? MessagePayloads.forOwnDevices(original.get().message(), original.get().to().toString())
                    : original.get().message();
            SignalAddress address = lids.addressOf(target);
            EncryptedMessage encrypted = sessions.transact(cipher -> {
                cipher.processBundle(address, keys);
                return cipher.encrypt(address, MessagePadding.padRandomly(message.toByteArray()));
            });
            return link.sendMessage(MessageStanzas.resend(id.get(), target, encrypted, count, account.deviceIdentity()));
        }, async).thenAccept(ack -> { });
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
