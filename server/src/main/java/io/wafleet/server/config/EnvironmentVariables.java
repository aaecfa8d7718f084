package io.wafleet.server.config;

import java.util.Map;
import java.util.Optional;

/** Read access to environment-style variables, so settings can be parsed from the process or from a test map. */
@FunctionalInterface
public interface EnvironmentVariables {

    /** The value of {@code name}; absent when unset. A blank value counts as unset. */
    Optional<String> raw(String name);

    default Optional<String> get(String name) {
        return raw(name).map(String::strip).filter(v -> !v.isEmpty());
    }

    static EnvironmentVariables of(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }
}
