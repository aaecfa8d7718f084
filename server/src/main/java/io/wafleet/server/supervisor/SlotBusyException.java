package io.wafleet.server.supervisor;

/** An operation that does not fit the slot's current state (linking a slot that is already linked). */
public final class SlotBusyException extends RuntimeException {
    public SlotBusyException(String message) {
        super(message);
    }
}
