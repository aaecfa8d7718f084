package io.wafleet.server.messaging;

import io.wafleet.server.ops.PhoneMasking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Drains one account's outbox over its live connection: the head message, one at a time, at the paced rate,
 * waiting for the server's ack before the next. A message whose send fails while the connection stays up is
 * tried {@code attempts} times in all, then failed with the last reason, and the queue moves on; a failure caused
 * by the connection ending costs no attempt (the message goes again, same id, after the reconnect).
 *
 * <p>A virtual thread per account while it is connected with messages queued, and none otherwise: the worker ends
 * when there is nothing to send, and the next change that brings work starts a new one. An idle fleet parks no
 * thread per account.
 */
final class OutboxSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final Duration STORAGE_RETRY = Duration.ofSeconds(5);

    /** Send attempts per message, the wait before each retry (doubling), and the longest wait for one ack. */
    record Policy(int attempts, Duration firstRetry, Duration ackTimeout) {
        static Policy standard() {
            return new Policy(3, Duration.ofSeconds(2), Duration.ofSeconds(60));
        }
    }

    private final String account;
    private final Outbox outbox;
    private final SendPacer pacer;
    private final Policy policy;
    private final ReentrantLock lock = new ReentrantLock();
    /** The running worker, or null while there is nothing to send; guarded by {@link #lock}. */
    private Thread worker;
    private Optional<MessageTransport> transport = Optional.empty();
    private boolean closed;
    /** Failed attempts of the current head message, reset when the head changes. */
    private String attemptsOf = "";
    private int attempts;

    OutboxSender(String account, Outbox outbox, SendPacer pacer, Policy policy) {
        this.account = account;
        this.outbox = outbox;
        this.pacer = pacer;
        this.policy = policy;
    }

    void connected(MessageTransport live) {
        signal(() -> transport = Optional.of(live));
    }

    /** The connection {@code ended} is gone; a newer one that already replaced it stays. */
    void disconnected(MessageTransport ended) {
        signal(() -> {
            if (transport.filter(current -> current == ended).isPresent()) {
                transport = Optional.empty();
            }
        });
    }

    /** Something was queued. */
    void wake() {
        signal(() -> { });
    }

    private void signal(Runnable change) {
        lock.lock();
        try {
            change.run();
            if (worker == null && hasWork()) {
                worker = Thread.ofVirtual().name("outbox-" + account).start(this::run);
            }
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try {
            // After a pause the connection may have ended or the queue emptied: every round asks again.
            for (Optional<MessageTransport> live = nextWork(); live.isPresent(); live = nextWork()) {
                Duration wait = pacer.waitBeforeNext();
                if (!wait.isZero()) {
                    Thread.sleep(wait);
                    continue;
                }
                Optional<OutboundMessage> head = outbox.head();
                if (head.isPresent()) {
                    sendGuarded(head.get(), live.get());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // However this worker ends, it must not stay registered: the next change that brings work would
            // otherwise find a worker that no longer runs and start none, and the account would stop sending.
            lock.lock();
            try {
                if (worker == Thread.currentThread()) {
                    worker = null;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * The connection to send on, or empty when there is nothing to do, in which case this worker is done: the
     * decision and the hand-over happen under the lock, so work signalled a moment later starts a new worker.
     */
    private Optional<MessageTransport> nextWork() {
        lock.lock();
        try {
            if (!hasWork()) {
                worker = null;
                return Optional.empty();
            }
            return transport;
        } finally {
            lock.unlock();
        }
    }

    private boolean hasWork() {
        return !closed && transport.isPresent() && outbox.queuedCount() > 0;
    }

    /** A journal that cannot be written (volume trouble) must not end this thread: wait and try again. */
    private void sendGuarded(OutboundMessage message, MessageTransport live) throws InterruptedException {
        try {
            send(message, live);
        } catch (RuntimeException e) {
            log.error("{}: the outbox could not record message {}: {}; trying again in {} s", account, message.id(),
                    e.toString(), STORAGE_RETRY.toSeconds());
            Thread.sleep(STORAGE_RETRY);
        }
    }

    private void send(OutboundMessage message, MessageTransport live) throws InterruptedException {
        pacer.sending();
        try {
            live.sendText(message.to(), message.text(), message.id()).get(policy.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
            outbox.markSent(message.id());
            attempts = 0;
        } catch (ExecutionException | TimeoutException e) {
            onFailure(message, live, e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    private void onFailure(OutboundMessage message, MessageTransport live, Throwable cause) throws InterruptedException {
        if (!attemptsOf.equals(message.id())) {
            attemptsOf = message.id();
            attempts = 0;
        }
        // Wait first: a send that failed because the socket died is followed by the Closed event a moment later.
        Thread.sleep(policy.firstRetry().multipliedBy(1L << Math.min(attempts, 10)));
        if (!stillConnected(live)) {
            log.info("{}: message {} not acknowledged before the connection ended; it goes again after the reconnect",
                    account, message.id());
            return;
        }
        attempts++;
        String reason = PhoneMasking.maskAll(cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        if (attempts >= policy.attempts()) {
            log.warn("{}: message {} failed after {} attempts: {}", account, message.id(), attempts, reason);
            outbox.markFailed(message.id(), reason);
            attempts = 0;
            return;
        }
        log.info("{}: message {} attempt {} failed ({}); trying again", account, message.id(), attempts, reason);
    }

    private boolean stillConnected(MessageTransport live) {
        lock.lock();
        try {
            return transport.filter(current -> current == live).isPresent();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        Thread running;
        lock.lock();
        try {
            closed = true;
            running = worker;
        } finally {
            lock.unlock();
        }
        if (running == null) {
            return;
        }
        running.interrupt();
        try {
            running.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
