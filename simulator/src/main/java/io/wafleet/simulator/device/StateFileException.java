package io.wafleet.simulator.device;

/** The state file cannot be read (corrupt, wrong version) or written. */
public final class StateFileException extends RuntimeException {
    public StateFileException(String message) {
        super(message);
    }

    public StateFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
