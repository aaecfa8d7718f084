package io.wafleet.server.api;

/** A well-formed id that is not one of the configured slots. */
final class UnknownAccountException extends RuntimeException {
    UnknownAccountException(String id) {
        super("no slot " + id + " in this fleet (see WA_ACCOUNTS)");
    }
}
