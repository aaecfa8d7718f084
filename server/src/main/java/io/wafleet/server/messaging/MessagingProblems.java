package io.wafleet.server.messaging;

import static io.wafleet.server.api.ApiProblems.problem;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The messaging API's errors as problem+json, in the same shape as the rest of the API. Ordered before the
 * general handler, whose catch-all for RuntimeException would otherwise answer 500 for them.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class MessagingProblems {

    /** How long a caller should wait before retrying a send refused because the outbox is full. */
    static final String RETRY_AFTER_SECONDS = "60";

    @ExceptionHandler(InvalidMessageException.class)
    ProblemDetail invalid(InvalidMessageException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-message", "Invalid message", e.getMessage());
    }

    @ExceptionHandler(UnknownMessageException.class)
    ProblemDetail unknown(UnknownMessageException e) {
        return problem(HttpStatus.NOT_FOUND, "unknown-message", "Unknown message", e.getMessage());
    }

    @ExceptionHandler(NotASlotException.class)
    ProblemDetail notASlot(NotASlotException e) {
        return problem(HttpStatus.NOT_FOUND, "unknown-account", "Unknown account", e.getMessage());
    }

    @ExceptionHandler(OutboxFullException.class)
    ResponseEntity<ProblemDetail> full(OutboxFullException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, "outbox-full", "Outbox full", e.getMessage()));
    }
}
