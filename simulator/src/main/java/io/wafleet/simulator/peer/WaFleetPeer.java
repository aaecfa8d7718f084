package io.wafleet.simulator.peer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Logger;

/**
 * wa-fleet's real client as a process another test harness can drive: {@code java -cp wa-simulator.jar
 * io.wafleet.simulator.peer.WaFleetPeer}, one JSON command per line on stdin, one JSON event per line on stdout.
 *
 * <pre>
 * {"cmd":"start","store":"/dir","ws":"ws://…/ws/chat","root":"&lt;64 hex&gt;"}  → {"event":"qr","qr":…} …
 *                                                                       {"event":"connected","jid":…}
 * {"cmd":"send","to":"1555…@s.whatsapp.net","text":"hi","id":"3EB0…"}   → {"event":"sent","id":…,"devices":n}
 *                                                  (or {"event":"send-failed","id":…,"message":…})
 * (a text arrives)                                                      → {"event":"message","id","from","text"}
 * (a receipt arrives)                                                   → {"event":"receipt","ids":[…],"from","type"?}
 * {"cmd":"stop"}                                                        → {"event":"closed",…} {"event":"stopped"}, exit 0
 * </pre>
 *
 * The account lives in a {@code FileAuthStore} (crash-safe; a new process on the same directory logs in again),
 * the simulator's root is trusted explicitly. A bad line gets {@code {"event":"error","message":…}} and is
 * otherwise ignored. End of input acts as {@code stop}, so the peer never outlives its harness.
 * It lives in the simulator's jar because that jar already carries the client and Jackson; it is test tooling,
 * like the simulator itself.
 */
public final class WaFleetPeer {
    private final BufferedReader commands;
    private final PeerOutput output;
    private Optional<PeerSession> session = Optional.empty();

    WaFleetPeer(BufferedReader commands, PeerOutput output) {
        this.commands = commands;
        this.output = output;
    }

    public static void main(String[] args) {
        PrintStream data = System.out;
        // stdout is the data channel: anything else that prints goes to stderr with the logs.
        System.setOut(System.err);
        maskNumbersInLogs();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.exit(new WaFleetPeer(in, new PeerOutput(data)).run());
    }

    /** Runs commands until {@code stop} or end of input; returns the exit status. */
    int run() {
        try {
            String line;
            while ((line = commands.readLine()) != null) {
                if (!line.isBlank() && !execute(line)) {
                    break;
                }
            }
        } catch (IOException e) {
            output.error("cannot read commands: " + e.getMessage());
            stopSession();
            return 1;
        }
        stopSession();
        output.event("stopped", line -> {});
        return 0;
    }

    /** Returns false once the peer should stop. */
    private boolean execute(String line) {
        PeerCommand command;
        try {
            command = PeerCommand.parse(line);
        } catch (PeerCommandException e) {
            output.error(e.getMessage());
            return true;
        }
        try {
            switch (command) {
                case PeerCommand.Start start -> {
                    if (session.isPresent()) {
                        output.error("already started");
                    } else {
                        session = Optional.of(PeerSession.start(start, output));
                    }
                }
                case PeerCommand.Send send -> session.ifPresentOrElse(s -> s.send(send),
                        () -> output.error("send before start"));
                case PeerCommand.Stop _ -> {
                    return false;
                }
            }
        } catch (RuntimeException e) {
            // A locked or damaged store, an unpaired account asked to send: the harness sees why.
            output.error(command + " failed: " + e);
        }
        return true;
    }

    private void stopSession() {
        session.ifPresent(PeerSession::close);
        session = Optional.empty();
    }

    private static void maskNumbersInLogs() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.setFormatter(new MaskingFormatter());
        }
    }
}
