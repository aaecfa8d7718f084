package io.wafleet.server.config;

/** A missing or malformed environment variable; the message names the variable and what a valid value looks like. */
public final class SettingsException extends RuntimeException {

    private final String variable;

    public SettingsException(String variable, String message) {
        super(variable + ": " + message);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
