package io.wafleet.simulator.websocket;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The request line and headers of an HTTP/1.1 request, read byte by byte up to the blank line so that
 * nothing of the WebSocket stream that follows is consumed. Bounded: a head longer than
 * {@link #MAX_HEAD_BYTES} is rejected rather than buffered.
 */
public record HttpRequestHead(String method, String path, Map<String, String> headers) {
    public static final int MAX_HEAD_BYTES = 16 * 1024;

    public HttpRequestHead {
        TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        headers = java.util.Collections.unmodifiableMap(caseInsensitive);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** True when the comma-separated header contains the token, case-insensitively (e.g. Connection: keep-alive, Upgrade). */
    public boolean headerHasToken(String name, String token) {
        return header(name).stream()
                .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .anyMatch(part -> part.trim().equalsIgnoreCase(token));
    }

    public static HttpRequestHead read(InputStream in) throws IOException {
        byte[] buffer = new byte[MAX_HEAD_BYTES];
        int length = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new HttpHeadException("connection closed inside the HTTP request head");
            }
            if (length == buffer.length) {
                throw new HttpHeadException("HTTP request head exceeds " + MAX_HEAD_BYTES + " bytes");
            }
            buffer[length++] = (byte) b;
            if (length >= 4 && buffer[length - 4] == '\r' && buffer[length - 3] == '\n'
                    && buffer[length - 2] == '\r' && buffer[length - 1] == '\n') {
                return parse(new String(buffer, 0, length - 4, StandardCharsets.ISO_8859_1));
            }
        }
    }

    private static HttpRequestHead parse(String head) throws HttpHeadException {
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            throw new HttpHeadException("malformed request line");
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new HttpHeadException("malformed header line");
            }
            String name = lines[i].substring(0, colon).trim();
            String value = lines[i].substring(colon + 1).trim();
            headers.merge(name, value, (first, second) -> first + ", " + second);
        }
        String target = requestLine[1];
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        return new HttpRequestHead(requestLine[0].toUpperCase(Locale.ROOT), path, headers);
    }

    /** The request head could not be parsed; answered with 400. */
    public static final class HttpHeadException extends IOException {
        public HttpHeadException(String message) {
            super(message);
        }
    }
}
