package io.wafleet.server.firestore;

import io.wafleet.protocol.store.AuthState;
import io.wafleet.protocol.store.AuthStore;
import io.wafleet.protocol.store.KeyCategory;
import io.wafleet.protocol.store.StateChange;
import io.wafleet.protocol.store.StoreException;
import io.wafleet.server.registry.AccountId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.function.Function;

/**
 * An {@link AuthStore} whose every commit is also in the encrypted Firestore backup before {@link #apply} returns.
 * The client sends nothing that depends on a change (a pairing reply, an ack, a message encrypted with a new
 * ratchet) until {@code apply} returns, so what went out on the wire is always covered by the newest backup
 * generation, and a hand-over from that generation never reuses a message key or a pre-key id.
 *
 * <p>The cost is one Firestore transaction per state change on the path of the stanza that caused it (tens of
 * milliseconds against Google's service, a few against the emulator). If the backup fails, the local commit stands
 * (the volume stays the truth for this process) but {@code apply} throws, so the change never takes effect on the
 * wire; the next change then writes a full base instead of a delta, which brings the backup level again.
 */
public final class BackedUpAuthStore implements AuthStore {

    private static final Logger log = LoggerFactory.getLogger(BackedUpAuthStore.class);

    private final AccountId account;
    private final AuthStore local;
    private final SessionBackups backups;
    private final Function<AccountId, Optional<Lease>> fence;
    private Optional<BackupHead> head = Optional.empty();
    /** The backup misses a local commit (a failed write, or none written yet): the next write is a full base. */
    private boolean behind = true;

    private BackedUpAuthStore(AccountId account, AuthStore local, SessionBackups backups, Function<AccountId, Optional<Lease>> fence) {
        this.account = account;
        this.local = local;
        this.backups = backups;
        this.fence = fence;
    }

    /**
     * Wraps {@code local} and brings the backup level with it now (a full base), so a hand-over right after this
     * connection starts finds the newest state. When Firestore is unreachable the connection may still start from
     * the volume: the first change it makes will find the backup behind and fail until Firestore answers.
     */
    public static BackedUpAuthStore open(AccountId account, AuthStore local, SessionBackups backups,
                                         Function<AccountId, Optional<Lease>> fence) {
        BackedUpAuthStore store = new BackedUpAuthStore(account, local, backups, fence);
        if (local.state().credentials().isPresent()) {
            try {
                Optional<BackupHead> level = backups.levelWith(account, local.state().sequence(), store.lease());
                if (level.isPresent()) {
                    // A reconnect: the backup already holds exactly this state, so no base is uploaded again.
                    store.head = level;
                    store.behind = false;
                } else {
                    store.writeBase();
                }
            } catch (BackupException e) {
                log.warn("{}: backup not brought level at connect ({}); the next state change retries", account, e.getMessage());
            }
        }
        return store;
    }

    @Override
    public AuthState state() {
        return local.state();
    }

    @Override
    public Map<String, byte[]> read(KeyCategory category, Collection<String> ids) {
        return local.read(category, ids);
    }

    @Override
    public SortedSet<String> ids(KeyCategory category) {
        return local.ids(category);
    }

    @Override
    public synchronized void apply(StateChange change) {
        local.apply(change);
        try {
            if (behind || head.isEmpty() || head.get().deltas() >= SessionBackups.MAX_DELTAS) {
                writeBase();
            } else {
                appendDelta(change);
            }
        } catch (BackupException e) {
            behind = true;
            backups.forgetLevel(account);
            throw new StoreException(account + ": committed on the volume but not backed up, so not used: " + e.getMessage(), e);
        }
    }

    private void appendDelta(StateChange change) {
        Optional<BackupHead> next = backups.appendDelta(lease(), head.get(), BackupPayload.of(change));
        if (next.isEmpty()) {
            writeBase();
            return;
        }
        head = next;
        backups.recordLevel(account, local.state().sequence(), next.get());
    }

    private void writeBase() {
        Lease lease = lease();
        // The generation to build on is the stored one: while we hold the lease nobody else moves it, and a write of
        // ours whose answer was lost has moved it already.
        long expected = backups.head(account).map(BackupHead::generation).orElse(0L);
        long sequence = local.state().sequence();
        BackupHead written = backups.writeBase(lease, expected, BackupPayload.snapshotOf(local));
        head = Optional.of(written);
        behind = false;
        backups.recordLevel(account, sequence, written);
        try {
            backups.prune(account, written.generation());
        } catch (RuntimeException e) {
            log.debug("{}: pruning old backup parts failed: {}", account, e.toString());
        }
    }

    private Lease lease() {
        return fence.apply(account).orElseThrow(() -> new BackupException.Fenced(account + ": this process holds no lease for it"));
    }

    /** The generation of the newest backup this store wrote; 0 before the first. */
    long generation() {
        return head.map(BackupHead::generation).orElse(0L);
    }

    @Override
    public void close() {
        local.close();
    }

    @Override
    public String toString() {
        return "BackedUpAuthStore[" + account + "]";
    }
}
