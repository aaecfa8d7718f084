package io.wafleet.server.api;

/** The QR image was asked for while the account is not offering one. */
final class NoQrOfferedException extends RuntimeException {
    NoQrOfferedException(String id) {
        super(id + " is not offering a QR code right now: POST /api/accounts/" + id + "/link starts linking");
    }
}
