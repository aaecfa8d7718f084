package io.wafleet.server.storage;

import java.nio.file.Path;

/**
 * The sessions path cannot be used. The message says which variable chose the path, the path, what failed and
 * how to fix it, because the operator reads it in a deploy log with nothing else to go on.
 */
public final class StorageCheckException extends RuntimeException {

    public StorageCheckException(String variable, Path path, String problem, String fix) {
        super("sessions path " + path + " (from " + variable + ") " + problem + ". Fix: " + fix);
    }

    public StorageCheckException(String variable, Path path, String problem, String fix, Throwable cause) {
        super("sessions path " + path + " (from " + variable + ") " + problem + ": " + cause + ". Fix: " + fix, cause);
    }
}
