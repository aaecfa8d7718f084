package io.wafleet.protocol.client.messaging;

import io.wafleet.protocol.signal.KeyPairSource;
import io.wafleet.protocol.signal.OneTimePreKey;
import io.wafleet.protocol.store.AuthStore;
import io.wafleet.protocol.store.Credentials;
import io.wafleet.protocol.store.KeyCategory;
import io.wafleet.protocol.store.StateChange;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the server stocked with our one-time pre-keys (protocol.md §6): after every login and after a pkmsg
 * consumed one, ask how many the server holds and, below {@link #LOW_WATER}, upload enough to get back to
 * {@link #TARGET}.
 *
 * <p>Why 30 and 10, where WhatsApp Web uploads 812 and then 5: every new peer device that starts a session with
 * us takes one key, and a gateway account mostly starts sessions itself, so a few dozen cover the first
 * contacts between two logins; when the stock runs out a peer still builds a session on the signed pre-key alone
 * (slightly weaker forward secrecy, never a lost message). 812 records per pairing, times hundreds of accounts,
 * would mostly be store weight and upload time for nothing.
 *
 * <p>Crash safety: keys are generated and committed, together with the advanced {@code nextPreKeyId}, BEFORE
 * the upload, so no id is ever handed out twice and the server never holds a key we lack. Keys committed but not
 * confirmed ({@code firstUnuploadedPreKeyId} up to {@code nextPreKeyId}) are uploaded again next time rather than
 * replaced. The signed pre-key lives in the credentials and goes with every upload.
 *
 * <p>Credentials are rewritten under the store's monitor, the convention every read-modify-write of an
 * account's credentials follows, so a concurrent update of another field cannot roll the counters back.
 */
final class PreKeyStock {
    static final int TARGET = 30;
    static final int LOW_WATER = 10;

    private final AuthStore store;
    private final KeyPairSource keys;
    private final AtomicBoolean checking = new AtomicBoolean();

    PreKeyStock(AuthStore store, KeyPairSource keys) {
        this.store = store;
        this.keys = keys;
    }

    /** Checks the server's count and tops it up; one check at a time (a second caller returns at once). */
    CompletableFuture<Void> replenish(ServerLink link, Executor async) {
        if (!checking.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        return link.query(KeyNodes.countQuery())
                .thenApplyAsync(KeyNodes::parseCount, async)
                .thenComposeAsync(count -> count >= LOW_WATER
                        ? CompletableFuture.<Void>completedFuture(null)
                        : upload(link, TARGET - count, async), async)
                .whenComplete((done, error) -> checking.set(false));
    }

    private CompletableFuture<Void> upload(ServerLink link, int wanted, Executor async) {
        Batch batch = prepare(wanted);
        return link.query(KeyNodes.upload(batch.credentials(), batch.keys()))
                .thenAcceptAsync(reply -> {
                    IqReplies.requireResult(reply, "pre-key upload");
                    confirmUploaded(batch.keys().getLast().id() + 1);
                }, async);
    }

    /** The keys to upload: those committed but never confirmed first, then new ones, all committed before return. */
    Batch prepare(int wanted) {
        synchronized (store) {
            Credentials credentials = credentials();
            List<OneTimePreKey> batch = new ArrayList<>(wanted);
            AuthStoreSignalStore signal = new AuthStoreSignalStore(store);
            for (int id = credentials.firstUnuploadedPreKeyId(); id < credentials.nextPreKeyId() && batch.size() < wanted; id++) {
                signal.loadPreKey(id).ifPresent(batch::add);
            }
            int nextId = credentials.nextPreKeyId();
            StateChange.Builder change = StateChange.builder();
            while (batch.size() < wanted) {
                if (nextId > Credentials.MAX_KEY_ID) {
                    throw new MessagingException("every 24-bit pre-key id has been used; this account needs a new link");
                }
                OneTimePreKey key = new OneTimePreKey(nextId++, keys.next());
                change.put(KeyCategory.PRE_KEY, PreKeyRecords.storeId(key.id()), PreKeyRecords.encode(key));
                batch.add(key);
            }
            Credentials advanced = credentials.toBuilder().nextPreKeyId(nextId).build();
            store.apply(change.credentials(advanced).build());
            return new Batch(advanced, batch);
        }
    }

    private void confirmUploaded(int firstNotUploaded) {
        synchronized (store) {
            Credentials credentials = credentials();
            if (credentials.firstUnuploadedPreKeyId() < firstNotUploaded) {
                store.apply(StateChange.of(credentials.toBuilder().firstUnuploadedPreKeyId(firstNotUploaded).build()));
            }
        }
    }

    private Credentials credentials() {
        return store.state().credentials().orElseThrow(() -> new IllegalStateException("the auth store holds no credentials"));
    }

    record Batch(Credentials credentials, List<OneTimePreKey> keys) {
        Batch {
            keys = List.copyOf(keys);
        }
    }
}
