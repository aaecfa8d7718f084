package io.wafleet.server.api;

import io.wafleet.server.supervisor.AccountSnapshot;
import io.wafleet.server.supervisor.FleetListener;
import io.wafleet.server.supervisor.Transition;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /api/events}: server-sent events, one {@code account} event per state change or update, with the
 * account as the dashboard shows it and the transition when there was one. Each subscriber has a bounded queue
 * and its own virtual thread, so a slow browser never slows a supervisor; one that falls too far behind is
 * disconnected (the page reconnects and reloads the dashboard). Comments every few seconds keep proxies from
 * closing an idle stream and reveal clients that went away.
 */
@RestController
public class EventStream implements FleetListener, SmartLifecycle {

    static final int QUEUE_CAPACITY = 256;

    private final QrImages images;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    public EventStream(QrImages images) {
        this.images = images;
    }

    /** What one {@code account} event carries. */
    public record AccountEvent(AccountView account, AccountView.HistoryEntry transition) {
    }

    /** What a subscriber's queue holds: a change to send, or a keep-alive comment. */
    private sealed interface Outgoing permits Change, Heartbeat {
    }

    private record Change(AccountSnapshot account, Optional<Transition> transition) implements Outgoing {
    }

    private enum Heartbeat implements Outgoing { INSTANCE }

    @GetMapping(value = "/api/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter events() {
        SseEmitter emitter = new SseEmitter(0L); // no timeout: heartbeats find dead clients
        Subscriber subscriber = new Subscriber(emitter);
        subscribers.add(subscriber);
        emitter.onCompletion(subscriber::stop);
        emitter.onError(e -> subscriber.stop());
        emitter.onTimeout(subscriber::stop);
        subscriber.offer(Heartbeat.INSTANCE); // commits the response at once, so the client sees the stream open
        subscriber.start();
        return emitter;
    }

    @Override
    public void onTransition(AccountSnapshot account, Transition transition) {
        publish(new Change(account, Optional.of(transition)));
    }

    @Override
    public void onUpdate(AccountSnapshot account) {
        publish(new Change(account, Optional.empty()));
    }

    private void publish(Change change) {
        subscribers.forEach(s -> s.offer(change));
    }

    /** Sends a comment to every subscriber; called by the shared scheduler. */
    public void heartbeat() {
        subscribers.forEach(s -> s.offer(Heartbeat.INSTANCE));
    }

    public int subscribers() {
        return subscribers.size();
    }

    private final class Subscriber {
        private final SseEmitter emitter;
        private final BlockingQueue<Outgoing> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        private Thread sender;

        Subscriber(SseEmitter emitter) {
            this.emitter = emitter;
        }

        void start() {
            sender = Thread.ofVirtual().name("sse-subscriber").start(this::run);
        }

        void offer(Outgoing item) {
            if (!queue.offer(item)) {
                emitter.complete(); // too slow: let it reconnect and start from a fresh dashboard
                stop();
            }
        }

        void stop() {
            subscribers.remove(this);
            if (sender != null) {
                sender.interrupt();
            }
        }

        private void run() {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    switch (queue.take()) {
                        case Heartbeat ignored -> emitter.send(SseEmitter.event().comment("keep-alive"));
                        case Change change -> {
                            AccountEvent event = new AccountEvent(AccountView.of(change.account(), images, false),
                                    change.transition().map(AccountView.HistoryEntry::of).orElse(null));
                            emitter.send(SseEmitter.event().name("account").data(event, MediaType.APPLICATION_JSON));
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | IllegalStateException e) {
                // The client went away or the response is already complete.
                subscribers.remove(this);
            }
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every stream first thing at shutdown, so graceful shutdown does not wait for open streams. */
    @Override
    public void stop() {
        running = false;
        subscribers.forEach(s -> {
            s.emitter.complete();
            s.stop();
        });
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
