package io.wafleet.server.messaging;

/** A well-formed account id that is not one of the fleet's slots. */
public final class NotASlotException extends RuntimeException {
    public NotASlotException(String id) {
        super("no slot " + id + " in this fleet (see WA_ACCOUNTS)");
    }
}
