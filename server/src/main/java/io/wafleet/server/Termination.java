package io.wafleet.server;

import sun.misc.Signal;

/**
 * SIGTERM is how Railway (and Docker) ask the service to stop; it is a normal end, not a failure. The JVM's own
 * handler runs the shutdown hooks (Spring closes the context: sockets closed, stores durable, lock released)
 * and then exits 143; this handler runs the same hooks through {@link System#exit(int)} with 0.
 */
final class Termination {

    private Termination() {
    }

    static void exitZeroOnSigterm() {
        Signal.handle(new Signal("TERM"), signal -> System.exit(0));
    }
}
