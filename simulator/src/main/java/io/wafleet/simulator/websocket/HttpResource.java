package io.wafleet.simulator.websocket;

import java.util.function.Supplier;

/** A plain HTTP GET answer served on the WebSocket port (for example the WhatsApp Web service worker). */
public record HttpResource(String contentType, Supplier<byte[]> body) {}
