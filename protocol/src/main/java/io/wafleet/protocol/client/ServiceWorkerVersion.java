package io.wafleet.protocol.client;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the current WhatsApp Web revision from its service-worker script, where it appears as
 * {@code "client_revision":1234567890} (sometimes with escaped quotes inside a JSON string).
 */
public final class ServiceWorkerVersion {
    private static final Pattern CLIENT_REVISION = Pattern.compile("\\\\?\"client_revision\\\\?\"\\s*:\\s*(\\d{1,12})");

    private ServiceWorkerVersion() {}

    public static OptionalLong clientRevision(String script) {
        Matcher matcher = CLIENT_REVISION.matcher(script);
        return matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }
}
