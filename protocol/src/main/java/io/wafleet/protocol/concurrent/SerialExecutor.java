package io.wafleet.protocol.concurrent;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Runs tasks one after another, in submission order, on a virtual thread that exists only while tasks are queued:
 * listeners see a connection's events in order without running under the connection's lock, and an account's
 * inbound stanzas are handled one at a time. An idle executor holds no thread, so 500 idle accounts park none.
 */
public final class SerialExecutor implements Executor {
    private static final Executor VIRTUAL = Executors.newVirtualThreadPerTaskExecutor();

    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        VIRTUAL.execute(this::drain);
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = tasks.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                System.getLogger(SerialExecutor.class.getName())
                        .log(System.Logger.Level.WARNING, "task failed", e);
            }
        }
    }
}
