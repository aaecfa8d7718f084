package io.wafleet.server.api;

/** A request body that does not make sense; answered with 400 and the reason. */
final class InvalidRequestException extends RuntimeException {
    InvalidRequestException(String message) {
        super(message);
    }
}
