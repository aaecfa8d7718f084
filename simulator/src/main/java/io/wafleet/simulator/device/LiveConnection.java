package io.wafleet.simulator.device;

import java.time.Duration;

/** A logged-in connection of a device, as fault injection and replacement see it. */
public interface LiveConnection {
    /** Sends the stream error and closes, as WhatsApp does. */
    void sendStreamError(StreamErrorKind kind);

    /** Sends {@code <failure>} for the ban and closes. */
    void sendBan(Ban ban);

    /** Sends {@code <failure reason='N'/>} (403 locked, 405 client outdated, ...) and closes. */
    void sendFailure(int reason);

    /** Sends {@code <xmlstreamend/>} and closes: "connection terminated by server" (Baileys 428). */
    void endStream();

    /** Sends a WebSocket close frame only, no stanza. */
    void closeSocket();

    /** Closes the TCP connection without a word. */
    void drop();

    /** Stops sending anything (answers, pongs) for the duration; what the client sees as a dead link. */
    void silence(Duration duration);
}
