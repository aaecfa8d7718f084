package io.wafleet.simulator.peer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The peer's data channel: one JSON object per line. Events come from the client's event thread, send
 * completions and the command loop, so every line is written and flushed under one lock and never interleaves.
 */
final class PeerOutput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;

    PeerOutput(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Writes {@code {"event": name, ...}} with the fields {@code fill} adds; returns once it is flushed. */
    void event(String name, Consumer<ObjectNode> fill) {
        ObjectNode line = JSON.createObjectNode().put("event", name);
        fill.accept(line);
        synchronized (this) {
            out.println(line);
            out.flush();
        }
    }

    void error(String message) {
        event("error", line -> line.put("message", message));
    }
}
