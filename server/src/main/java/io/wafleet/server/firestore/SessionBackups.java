package io.wafleet.server.firestore;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.Blob;
import com.google.cloud.firestore.CollectionReference;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.WriteBatch;
import io.wafleet.server.registry.AccountId;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Encrypted session backups in {@code wa_fleet_sessions}. A backup is a base (the whole state, compressed,
 * encrypted, split into chunks below Firestore's 1 MiB document limit) followed by deltas (one per committed
 * change). Every write is a compare-and-set on the head's generation inside a transaction that also checks the
 * writer's lease epoch: an older generation or an older owner never overwrites a newer one.
 */
public final class SessionBackups {

    /** Chunk payload size: below the 1 MiB document limit with room for the id and fields. */
    static final int CHUNK_BYTES = 900 * 1024;
    /** Chunks per batch: a commit carries at most 10 MiB. */
    private static final int CHUNKS_PER_BATCH = 8;
    /** After this many deltas the next write is a new base, so a restore replays a bounded chain. */
    static final int MAX_DELTAS = 64;

    private final Firestore db;
    private final CollectionNames names;
    private final Leases leases;
    private final BackupCipher cipher;
    private final Duration deadline;

    public SessionBackups(Firestore db, CollectionNames names, Leases leases, BackupKey key, Duration deadline) {
        this.db = db;
        this.names = names;
        this.leases = leases;
        this.cipher = new BackupCipher(key);
        this.deadline = deadline;
    }

    /** The local store's sequence that the backup head {@code head} holds, as last written by this process. */
    private record Level(long localSequence, BackupHead head) {
    }

    private final Map<AccountId, Level> levels = new ConcurrentHashMap<>();

    /**
     * The head, when the backup holds exactly the local state with sequence {@code localSequence}: this process
     * wrote it, under the same lease epoch, and nothing has moved the head since.
     */
    Optional<BackupHead> levelWith(AccountId account, long localSequence, Lease fence) {
        Level level = levels.get(account);
        if (level == null || level.localSequence() != localSequence || level.head().epoch() != fence.epoch()) {
            return Optional.empty();
        }
        return head(account).filter(level.head()::equals);
    }

    void recordLevel(AccountId account, long localSequence, BackupHead head) {
        levels.put(account, new Level(localSequence, head));
    }

    void forgetLevel(AccountId account) {
        levels.remove(account);
    }

    Optional<BackupHead> head(AccountId account) {
        return BackupHead.of(Calls.await("reading the backup head of " + account, head(account.value()).get(), deadline));
    }

    /**
     * Writes the whole state as generation {@code expected + 1}. The chunks go first (unreferenced until the head
     * names them); the head moves in a transaction that re-checks the lease and the expected generation.
     *
     * @return the new head
     */
    BackupHead writeBase(Lease fence, long expected, BackupPayload state) {
        AccountId account = fence.account();
        long generation = expected + 1;
        byte[] sealed = cipher.seal(account, "base", generation, state.encode());
        int chunks = Math.max(1, (sealed.length + CHUNK_BYTES - 1) / CHUNK_BYTES);
        CollectionReference parts = parts(account);
        for (int first = 0; first < chunks; first += CHUNKS_PER_BATCH) {
            WriteBatch batch = db.batch();
            for (int i = first; i < Math.min(chunks, first + CHUNKS_PER_BATCH); i++) {
                byte[] chunk = Arrays.copyOfRange(sealed, i * CHUNK_BYTES, Math.min(sealed.length, (i + 1) * CHUNK_BYTES));
                batch.set(parts.document(BackupHead.baseChunkId(generation, i)), Map.of("data", Blob.fromBytes(chunk)));
            }
            Calls.await("writing the backup of " + account, batch.commit(), deadline);
        }
        BackupHead head = new BackupHead(generation, generation, chunks, fence.epoch(), leases.holder());
        commitHead(fence, expected, head, Optional.empty());
        return head;
    }

    /**
     * Appends one change as generation {@code expected + 1}, in the same transaction as the head. Empty when the
     * sealed change would not fit one document: the caller writes a base instead.
     */
    Optional<BackupHead> appendDelta(Lease fence, BackupHead current, BackupPayload change) {
        long generation = current.generation() + 1;
        byte[] sealed = cipher.seal(fence.account(), "delta", generation, change.encode());
        if (sealed.length > CHUNK_BYTES) {
            return Optional.empty();
        }
        BackupHead next = new BackupHead(generation, current.baseGeneration(), current.baseChunks(), fence.epoch(), leases.holder());
        commitHead(fence, current.generation(), next,
                Optional.of(Map.entry(parts(fence.account()).document(BackupHead.deltaId(generation)), sealed)));
        return Optional.of(next);
    }

    private void commitHead(Lease fence, long expected, BackupHead next, Optional<Map.Entry<DocumentReference, byte[]>> delta) {
        AccountId account = fence.account();
        DocumentReference headRef = head(account.value());
        Calls.await("committing the backup of " + account, db.runTransaction(tx -> {
            leases.check(tx, fence);
            Optional<BackupHead> stored = BackupHead.of(tx.get(headRef).get());
            long storedGeneration = stored.map(BackupHead::generation).orElse(0L);
            if (stored.isPresent() && stored.get().epoch() > fence.epoch()) {
                throw new BackupException.Fenced(account + ": a newer owner (epoch " + stored.get().epoch() + ") wrote the backup");
            }
            if (storedGeneration != expected) {
                throw new BackupException.Fenced(account + ": backup generation is " + storedGeneration + ", not " + expected
                        + "; an older generation never overwrites a newer one");
            }
            delta.ifPresent(part -> tx.set(part.getKey(), Map.of("data", Blob.fromBytes(part.getValue()))));
            Map<String, Object> fields = new HashMap<>();
            fields.put("generation", next.generation());
            fields.put("baseGeneration", next.baseGeneration());
            fields.put("baseChunks", next.baseChunks());
            fields.put("epoch", next.epoch());
            fields.put("holder", next.holder());
            fields.put("updatedAt", Timestamp.now());
            fields.put("format", 1);
            tx.set(headRef, fields);
            return null;
        }), deadline);
    }

    /** The newest committed state, decrypted and merged; empty when the account has no backup. */
    Optional<Restored> read(AccountId account) {
        Optional<BackupHead> found = head(account);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        BackupHead head = found.get();
        CollectionReference parts = parts(account);
        List<DocumentReference> refs = new ArrayList<>();
        for (int i = 0; i < head.baseChunks(); i++) {
            refs.add(parts.document(BackupHead.baseChunkId(head.baseGeneration(), i)));
        }
        for (long g = head.baseGeneration() + 1; g <= head.generation(); g++) {
            refs.add(parts.document(BackupHead.deltaId(g)));
        }
        List<DocumentSnapshot> docs = Calls.await("reading the backup of " + account,
                db.getAll(refs.toArray(DocumentReference[]::new)), deadline);
        ByteArrayOutputStream base = new ByteArrayOutputStream();
        List<BackupPayload> chain = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            byte[] data = data(account, docs.get(i));
            if (i < head.baseChunks()) {
                base.writeBytes(data);
                if (i == head.baseChunks() - 1) {
                    chain.add(decode(account, cipher.open(account, "base", head.baseGeneration(), base.toByteArray())));
                }
            } else {
                long generation = head.baseGeneration() + 1 + (i - head.baseChunks());
                chain.add(decode(account, cipher.open(account, "delta", generation, data)));
            }
        }
        return Optional.of(new Restored(head, BackupPayload.merged(chain)));
    }

    /** Deletes parts older than the head's base; best effort (a leftover part is never read). */
    void prune(AccountId account, long baseGeneration) {
        CollectionReference parts = parts(account);
        WriteBatch batch = db.batch();
        int pending = 0;
        for (DocumentReference ref : parts.listDocuments()) {
            if (BackupHead.generationOf(ref.getId()) < baseGeneration
                    || (ref.getId().startsWith("d") && BackupHead.generationOf(ref.getId()) == baseGeneration)) {
                batch.delete(ref);
                pending++;
            }
        }
        if (pending > 0) {
            Calls.await("pruning the backup of " + account, batch.commit(), deadline);
        }
    }

    /** A restored backup: the state and the head it came from. */
    record Restored(BackupHead head, BackupPayload state) {
    }

    private static byte[] data(AccountId account, DocumentSnapshot doc) {
        Blob blob = doc.exists() ? doc.getBlob("data") : null;
        if (blob == null) {
            throw new BackupException.Unreadable(account + ": backup part " + doc.getId() + " is missing", null);
        }
        return blob.toBytes();
    }

    private static BackupPayload decode(AccountId account, byte[] plaintext) {
        try {
            return BackupPayload.decode(plaintext);
        } catch (IllegalArgumentException e) {
            throw new BackupException.Unreadable(account + ": " + e.getMessage(), e);
        }
    }

    private DocumentReference head(String slot) {
        return db.collection(names.sessions()).document(slot);
    }

    private CollectionReference parts(AccountId account) {
        return head(account.value()).collection("parts");
    }
}
