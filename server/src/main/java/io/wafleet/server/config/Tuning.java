package io.wafleet.server.config;

import java.time.Duration;

/**
 * The knobs of the supervisors with production defaults. Handshake limits are modest on purpose: a burst of
 * logins from one address is what WhatsApp watches for; benchmarks may open them wide.
 *
 * @param handshakesInFlight  handshakes (including the boot restore) allowed at the same time
 * @param handshakesPerSecond new handshakes started per second
 * @param qrTimeout           how long QR codes are offered before the slot stops with {@code qr-timeout}
 * @param connectTimeout      how long one connection attempt may stay in {@code CONNECTING}
 * @param flapAlertPerHour    disconnects of one account within an hour that raise a {@code flapping} alert
 */
public record Tuning(int handshakesInFlight, int handshakesPerSecond, Duration qrTimeout, Duration connectTimeout,
                     int flapAlertPerHour) {

    public static Tuning defaults() {
        return new Tuning(3, 1, Duration.ofMinutes(5), Duration.ofSeconds(60), 6);
    }
}
