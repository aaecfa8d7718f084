package io.wafleet.protocol.client;

import java.net.http.HttpClient;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * What every connection of the process shares: one {@link HttpClient} (one selector thread for all sockets,
 * callbacks on virtual threads) and one timer thread for keepalives, deadlines and QR rotation. A connection
 * owns no thread; 500 accounts cost two platform threads here, not a thousand.
 */
public final class ClientRuntime implements AutoCloseable {
    private static final ClientRuntime SHARED = new ClientRuntime();

    private final HttpClient http;
    private final ScheduledExecutorService timers;

    public ClientRuntime() {
        this.http = HttpClient.newBuilder()
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "wa-client-timers");
            thread.setDaemon(true);
            return thread;
        });
        // Cancelled deadlines (the common case: a reply arrived) must not pile up in the queue.
        executor.setRemoveOnCancelPolicy(true);
        this.timers = executor;
    }

    /** The process-wide runtime. */
    public static ClientRuntime shared() {
        return SHARED;
    }

    HttpClient http() {
        return http;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    @Override
    public void close() {
        timers.shutdownNow();
        http.shutdownNow();
    }
}
