package io.wafleet.server.supervisor;

import io.wafleet.protocol.client.ClientEvent;
import io.wafleet.protocol.client.DisconnectReason;
import io.wafleet.server.connector.AccountSession;
import io.wafleet.server.connector.SlotContents;
import io.wafleet.server.ops.PhoneMasking;
import io.wafleet.server.registry.AccountId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Owns one account: its only socket, its state (DESIGN §2) and its reconnect schedule.
 *
 * <p>Every attempt gets a generation number; events, timers and grants carry the generation they belong to
 * and are ignored once the supervisor has moved on (a late event from a closed socket cannot resurrect it).
 * All state changes happen under one lock; blocking connector calls run on the shared executor, never on a
 * timer thread, and never hold the lock while a socket opens.
 */
public final class AccountSupervisor {

    private static final Logger log = LoggerFactory.getLogger(AccountSupervisor.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final AccountId id;
    private final Path directory;
    private final SupervisorContext context;
    private final ReentrantLock lock = new ReentrantLock();
    private final TransitionHistory history = new TransitionHistory();
    private final Optional<String> alias;

    private AccountState state = AccountState.STOPPED;
    private String reason = "not-started";
    private Instant since;
    private String displayName;
    private Optional<String> maskedPhone = Optional.empty();
    private Optional<Instant> lastConnectedAt = Optional.empty();
    private Optional<Instant> lastEventAt = Optional.empty();
    private Optional<Instant> nextRetryAt = Optional.empty();
    private Optional<QrOffer> qr = Optional.empty();
    private int reconnectAttempts;
    private long reconnectCount;

    private long generation;
    private boolean retired;
    private boolean linking;
    private Optional<AccountSession> session = Optional.empty();
    /** Closes of abandoned sessions still running: the next attempt waits for them (their store is locked). */
    private CompletableFuture<Void> pendingCloses = CompletableFuture.completedFuture(null);
    private Optional<ConnectionGate.Ticket> ticket = Optional.empty();
    private Optional<Instant> grantedAt = Optional.empty();
    private Optional<Timers.Timer> retryTimer = Optional.empty();
    private Optional<Timers.Timer> connectTimer = Optional.empty();
    private Optional<Timers.Timer> stableTimer = Optional.empty();
    private Optional<Timers.Timer> qrTimer = Optional.empty();
    private long linkEpoch;

    public AccountSupervisor(AccountId id, Path directory, String displayName, SupervisorContext context) {
        this(id, directory, displayName, Optional.empty(), context);
    }

    /** A slot whose account was adopted from another service, where it was known as {@code alias}. */
    public AccountSupervisor(AccountId id, Path directory, String displayName, Optional<String> alias, SupervisorContext context) {
        this.id = id;
        this.alias = alias;
        this.directory = directory;
        this.displayName = displayName;
        this.context = context;
        this.since = context.clock().instant();
    }

    public AccountId id() {
        return id;
    }

    /** Restores the account from its stored credentials (boot, or an operator's start). */
    public void start(String why) {
        locked(() -> connect(why));
    }

    /** Starts pairing: QR codes will be offered. Refused when the slot already holds credentials. */
    public void link() {
        locked(() -> {
            if (!linking && context.connector().inspect(directory) == SlotContents.CREDENTIALS) {
                throw new SlotBusyException(id + " is already linked: log it out first to link another phone");
            }
            abandon();
            linking = true;
            linkEpoch++;
            long epoch = linkEpoch;
            qrTimer = Optional.of(context.timers().schedule(context.settings().qrTimeout(),
                    () -> context.executor().execute(() -> onQrTimeout(epoch))));
            connect("link");
        });
    }

    /** Drops the current connection (if any) and connects again at once, through the gate. */
    public void restart(String why) {
        locked(() -> {
            abandon();
            connect(why);
        });
    }

    /** Reconnects now if the account is waiting for its backoff timer (outage over, or the self-watch). */
    public void retryNow(String why) {
        locked(() -> {
            if (state == AccountState.DISCONNECTED) {
                abandon();
                connect(why);
            }
        });
    }

    public void stop(String why) {
        locked(() -> {
            abandon();
            transition(AccountState.STOPPED, why);
        });
    }

    /**
     * Stops like {@link #stop} and returns once the socket is closed and the store released, so the account can be
     * handed to another process without a moment where both are connected.
     */
    public void stopAndWait(String why) {
        Optional<AccountSession> current;
        lock.lock();
        try {
            current = detachLocked();
            transition(AccountState.STOPPED, why);
        } finally {
            lock.unlock();
        }
        current.ifPresent(AccountSession::close);
        awaitCloses(pendingClosesNow());
    }

    /**
     * Unlinks the device (telling WhatsApp when connected), then archives the credentials. Blocks the caller
     * until the store is closed and moved aside, so a following {@link #link()} starts from an empty slot.
     * The socket is closed without holding the lock: its last event needs the lock to be delivered.
     */
    public void logout() {
        Optional<AccountSession> current = detach();
        current.ifPresent(AccountSession::logout);
        awaitCloses(pendingClosesNow());
        locked(() -> {
            context.archive().archive(id);
            maskedPhone = Optional.empty();
            transition(AccountState.STOPPED, "logged-out-by-operator");
        });
    }

    /**
     * Closes the socket synchronously for process shutdown; the store is durable when this returns. A retired
     * supervisor never connects again, whatever asks it to.
     */
    public void shutdown() {
        Optional<AccountSession> current;
        lock.lock();
        try {
            if (retired) {
                return;
            }
            retired = true;
            current = detachLocked();
            if (state != AccountState.STOPPED) {
                transition(AccountState.STOPPED, "shutdown");
            }
        } finally {
            lock.unlock();
        }
        current.ifPresent(AccountSession::close);
        awaitCloses(pendingClosesNow());
    }

    /** Leaves the current attempt and hands its session to the caller, who closes it outside the lock. */
    private Optional<AccountSession> detach() {
        lock.lock();
        try {
            return detachLocked();
        } finally {
            lock.unlock();
        }
    }

    private Optional<AccountSession> detachLocked() {
        Optional<AccountSession> current = session;
        session = Optional.empty();
        abandon();
        return current;
    }

    private CompletableFuture<Void> pendingClosesNow() {
        lock.lock();
        try {
            return pendingCloses;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A masked phone known from elsewhere (Firestore metadata), shown until the account logs in and reports its
     * own. Only masked numbers are accepted here; the raw one never reaches the supervisor.
     */
    public void rememberPhone(String masked) {
        locked(() -> {
            if (maskedPhone.isEmpty()) {
                maskedPhone = Optional.of(masked);
                context.listener().onUpdate(snapshotLocked());
            }
        });
    }

    public void rename(String newName) {
        locked(() -> {
            displayName = newName;
            context.listener().onUpdate(snapshotLocked());
        });
    }

    public AccountSnapshot snapshot() {
        lock.lock();
        try {
            return snapshotLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The self-watch asks: is this supervisor stuck? An attempt that outlived twice its connect timeout, or a
     * retry whose time passed a minute ago, means a lost timer or a wedged call; the attempt is restarted.
     */
    public boolean restartIfStuck(Instant now) {
        lock.lock();
        try {
            Duration limit = context.settings().connectTimeout().multipliedBy(2);
            boolean stuckConnecting = state == AccountState.CONNECTING && grantedAt.isPresent()
                    && grantedAt.get().plus(limit).isBefore(now);
            boolean missedRetry = state == AccountState.DISCONNECTED && nextRetryAt.isPresent()
                    && nextRetryAt.get().plus(Duration.ofMinutes(1)).isBefore(now);
            if (stuckConnecting || missedRetry) {
                abandon();
                connect("watchdog-restart");
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    // ---- attempt lifecycle (all private methods run with the lock held unless they say otherwise) ----

    private void connect(String why) {
        if (retired) {
            return;
        }
        if (!context.ownership().mayConnect(id)) {
            abandon();
            transition(AccountState.STOPPED, "not-owned: another process holds this account's lease, or none is held yet");
            return;
        }
        cancelTimers();
        long gen = ++generation;
        nextRetryAt = Optional.empty();
        transition(AccountState.CONNECTING, why);
        ConnectionGate.Ticket claim = context.gate().ticket(id);
        ticket = Optional.of(claim);
        claim.whenGranted(() -> context.executor().execute(() -> openAttempt(gen)));
    }

    /** Runs on the executor: opens the socket without holding the lock. */
    private void openAttempt(long gen) {
        CompletableFuture<Void> closes;
        lock.lock();
        try {
            if (gen != generation || state != AccountState.CONNECTING) {
                return;
            }
            grantedAt = Optional.of(context.clock().instant());
            connectTimer = Optional.of(context.timers().schedule(context.settings().connectTimeout(),
                    () -> context.executor().execute(() -> onConnectTimeout(gen))));
            closes = pendingCloses;
        } finally {
            lock.unlock();
        }
        awaitCloses(closes);
        AccountSession opened;
        try {
            opened = context.connector().open(id, directory, event -> onEvent(gen, event));
        } catch (RuntimeException e) {
            locked(() -> {
                if (gen == generation) {
                    onOpenFailed(e);
                }
            });
            return;
        }
        boolean stale;
        lock.lock();
        try {
            stale = gen != generation;
            if (!stale) {
                session = Optional.of(opened);
            }
        } finally {
            lock.unlock();
        }
        if (stale) {
            opened.close();
        }
    }

    /** The previous socket of this account must be gone (and its store unlocked) before the next one opens. */
    private void awaitCloses(CompletableFuture<Void> closes) {
        try {
            closes.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("{}: closing the previous connection did not finish cleanly: {}", id, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeInBackground(AccountSession old) {
        pendingCloses = CompletableFuture.allOf(pendingCloses, CompletableFuture.runAsync(old::close, context.executor()))
                .exceptionally(failure -> {
                    log.warn("{}: closing a connection failed: {}", id, failure.toString());
                    return null;
                });
    }

    private void onOpenFailed(RuntimeException failure) {
        log.warn("{} could not start a connection: {}", id, failure.toString());
        releaseTicket();
        generation++;
        scheduleRetry("open-failed: " + failure.getClass().getSimpleName());
    }

    private void onEvent(long gen, ClientEvent event) {
        locked(() -> {
            if (gen != generation) {
                return;
            }
            Instant now = context.clock().instant();
            lastEventAt = Optional.of(now);
            switch (event) {
                case ClientEvent.QrCode code -> onQrCode(code, now);
                case ClientEvent.Paired paired -> {
                    PhoneMasking.phoneOfJid(paired.jid()).ifPresent(p -> maskedPhone = Optional.of(p));
                    endLinking();
                    // The login that follows a scan is bounded like any other attempt.
                    grantedAt = Optional.of(now);
                    connectTimer = Optional.of(context.timers().schedule(context.settings().connectTimeout(),
                            () -> context.executor().execute(() -> onConnectTimeout(gen))));
                    transition(AccountState.CONNECTING, "paired");
                }
                case ClientEvent.Connected connected -> onConnected(connected, gen, now);
                case ClientEvent.CredentialsChanged ignored -> context.listener().onUpdate(snapshotLocked());
                // Message traffic belongs to messaging (the connector hands it over); here it is only a sign of life.
                case ClientEvent.MessageReceived ignored -> { }
                case ClientEvent.ReceiptReceived ignored -> { }
                case ClientEvent.Closed closed -> onClosed(closed);
            }
        });
    }

    private void onQrCode(ClientEvent.QrCode code, Instant now) {
        handshakeDone(now);
        if (!linking) {
            // Restoring found no usable credentials: never start offering QR codes without an operator.
            abandon();
            transition(AccountState.STOPPED, "not-linked");
            return;
        }
        cancel(connectTimer);
        connectTimer = Optional.empty();
        qr = Optional.of(new QrOffer(code.code(), code.expiresAt()));
        context.listener().onQrIssued(id);
        if (state != AccountState.QR_REQUIRED) {
            transition(AccountState.QR_REQUIRED, "qr-offered");
        } else {
            context.listener().onUpdate(snapshotLocked());
        }
    }

    private void onConnected(ClientEvent.Connected connected, long gen, Instant now) {
        handshakeDone(now);
        cancel(connectTimer);
        connectTimer = Optional.empty();
        endLinking();
        PhoneMasking.phoneOfJid(connected.jid()).ifPresent(p -> maskedPhone = Optional.of(p));
        lastConnectedAt = Optional.of(now);
        transition(AccountState.CONNECTED, "logged-in");
        stableTimer = Optional.of(context.timers().schedule(context.settings().stableAfter(),
                () -> locked(() -> {
                    if (gen == generation && state == AccountState.CONNECTED) {
                        reconnectAttempts = 0;
                    }
                })));
    }

    private void onClosed(ClientEvent.Closed closed) {
        releaseTicket();
        generation++;
        session = Optional.empty();
        qr = Optional.empty();
        cancelTimers();
        DisconnectReason why = closed.reason();
        String text = why.code() + (why.detail().isEmpty() ? "" : " " + why.detail());
        switch (why.category()) {
            case RESTART_REQUIRED -> connect(text);
            case TRANSIENT, CLIENT_OUTDATED -> scheduleRetry(text);
            case STREAM_REPLACED -> {
                // Who replaced us decides: the process that now holds the lease (a quiet hand-over) or anyone
                // else (a conflict that calls a human). Reading the lease can take seconds when Firestore is slow,
                // so it happens on the executor, never under the lock that the dashboard and the API also take.
                stopFor(AccountState.STOPPED, "replaced: " + text + "; reading the lease");
                long gen = generation;
                context.executor().execute(() -> settleReplacement(gen, text));
            }
            case LOGGED_OUT -> {
                stopFor(AccountState.LOGGED_OUT, text);
                context.archive().archive(id);
            }
            case BANNED -> stopFor(AccountState.BANNED, text);
            case TEMPORARILY_BANNED -> {
                stopFor(AccountState.BANNED, text);
                why.until().ifPresent(this::retryAt);
            }
        }
    }

    /** Runs on the executor, after a 440: the lease says whether it was a hand-over or a conflict. */
    private void settleReplacement(long gen, String text) {
        boolean handedOver = context.ownership().heldElsewhere(id);
        locked(() -> {
            if (gen != generation || retired || state != AccountState.STOPPED) {
                return; // started again or shut down while the lease was read: that decision stands
            }
            if (handedOver) {
                stopFor(AccountState.STOPPED, "handed-over: " + text + " from the process that now holds the lease");
            } else {
                stopFor(AccountState.CONFLICT, text);
            }
        });
    }

    private void onConnectTimeout(long gen) {
        locked(() -> {
            if (gen != generation || state != AccountState.CONNECTING) {
                return;
            }
            session.ifPresent(this::closeInBackground);
            onClosed(new ClientEvent.Disconnected(
                    DisconnectReason.of(DisconnectReason.Category.TRANSIENT, 408, "connect-timeout")));
        });
    }

    private void onQrTimeout(long epoch) {
        locked(() -> {
            if (epoch != linkEpoch || !linking) {
                return;
            }
            abandon();
            transition(AccountState.STOPPED, "qr-timeout");
        });
    }

    private void scheduleRetry(String why) {
        reconnectAttempts++;
        reconnectCount++;
        Duration wait = context.backoff().delay(reconnectAttempts);
        transition(AccountState.DISCONNECTED, why, Optional.of(context.clock().instant().plus(wait)));
        long gen = generation;
        retryTimer = Optional.of(context.timers().schedule(wait, () -> context.executor().execute(() -> retry(gen))));
    }

    private void retryAt(Instant at) {
        nextRetryAt = Optional.of(at);
        long gen = generation;
        Duration wait = Duration.between(context.clock().instant(), at);
        retryTimer = Optional.of(context.timers().schedule(wait, () -> context.executor().execute(() -> retry(gen))));
        context.listener().onUpdate(snapshotLocked());
    }

    private void retry(long gen) {
        locked(() -> {
            if (gen == generation && (state == AccountState.DISCONNECTED || state == AccountState.BANNED)) {
                connect("retry " + reconnectAttempts);
            }
        });
    }

    private void stopFor(AccountState terminal, String why) {
        endLinking();
        transition(terminal, why);
    }

    /** Leaves the current attempt: later events, grants and timers of it are ignored; its socket is closed. */
    private void abandon() {
        generation++;
        releaseTicket();
        cancelTimers();
        endLinking();
        qr = Optional.empty();
        nextRetryAt = Optional.empty();
        session.ifPresent(this::closeInBackground);
        session = Optional.empty();
    }

    private void endLinking() {
        linking = false;
        linkEpoch++;
        cancel(qrTimer);
        qrTimer = Optional.empty();
        qr = Optional.empty();
    }

    private void handshakeDone(Instant now) {
        grantedAt.ifPresent(start -> context.listener().onHandshake(id, Duration.between(start, now)));
        grantedAt = Optional.empty();
        releaseTicket();
    }

    private void releaseTicket() {
        ticket.ifPresent(ConnectionGate.Ticket::release);
        ticket = Optional.empty();
        grantedAt = Optional.empty();
    }

    private void cancelTimers() {
        cancel(retryTimer);
        cancel(connectTimer);
        cancel(stableTimer);
        retryTimer = Optional.empty();
        connectTimer = Optional.empty();
        stableTimer = Optional.empty();
    }

    private static void cancel(Optional<Timers.Timer> timer) {
        timer.ifPresent(Timers.Timer::cancel);
    }

    private void transition(AccountState to, String why) {
        transition(to, why, Optional.empty());
    }

    private void transition(AccountState to, String why, Optional<Instant> retryAt) {
        Instant now = context.clock().instant();
        Transition change = new Transition(id, state, to, why, now);
        state = to;
        reason = why;
        since = now;
        nextRetryAt = retryAt;
        history.add(change);
        context.listener().onTransition(snapshotLocked(), change);
    }

    private AccountSnapshot snapshotLocked() {
        return new AccountSnapshot(id, displayName, maskedPhone, state, reason, since, lastConnectedAt, lastEventAt,
                reconnectAttempts, reconnectCount, nextRetryAt, qr, history.snapshot(), alias);
    }

    private void locked(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }
}
