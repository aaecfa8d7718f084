package io.wafleet.server.api;

import io.wafleet.server.registry.InvalidAccountIdException;
import io.wafleet.server.supervisor.SlotBusyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;

/**
 * Every API error as RFC 9457 problem+json: our own exceptions here, Spring MVC's (unreadable body, wrong
 * method, ...) through {@link ResponseEntityExceptionHandler}. The {@code type} URIs are stable names a client
 * can switch on.
 */
@RestControllerAdvice
public class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler(InvalidAccountIdException.class)
    ProblemDetail invalidId(InvalidAccountIdException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-account-id", "Invalid account id", e.getMessage());
    }

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalidRequest(InvalidRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage());
    }

    @ExceptionHandler(UnknownAccountException.class)
    ProblemDetail unknown(UnknownAccountException e) {
        return problem(HttpStatus.NOT_FOUND, "unknown-account", "Unknown account", e.getMessage());
    }

    @ExceptionHandler(NoQrOfferedException.class)
    ProblemDetail noQr(NoQrOfferedException e) {
        return problem(HttpStatus.NOT_FOUND, "no-qr", "No QR code offered", e.getMessage());
    }

    @ExceptionHandler(SlotBusyException.class)
    ProblemDetail busy(SlotBusyException e) {
        return problem(HttpStatus.CONFLICT, "slot-busy", "Slot busy", e.getMessage());
    }

    @ExceptionHandler(RuntimeException.class)
    ProblemDetail unexpected(RuntimeException e) {
        log.error("request failed", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "the server failed to handle the request; the log has the details");
    }

    /** One problem+json body; {@code type} becomes a stable URI a client can switch on. */
    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://wa-fleet.dev/problems/" + type));
        problem.setTitle(title);
        return problem;
    }
}
