package io.wafleet.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the sessions live and which variable decided it, so that every storage error can name the variable
 * the operator has to change.
 */
public record SessionsLocation(Path path, String source) {

    public SessionsLocation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(source, "source");
    }
}
