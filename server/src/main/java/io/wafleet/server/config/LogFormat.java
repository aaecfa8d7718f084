package io.wafleet.server.config;

/** The console log format: readable lines, or one JSON object per line for log collectors. */
public enum LogFormat {
    TEXT, JSON
}
