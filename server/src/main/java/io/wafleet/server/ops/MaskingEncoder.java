package io.wafleet.server.ops;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

import org.springframework.boot.logging.logback.StructuredLogEncoder;

import java.nio.charset.StandardCharsets;

/**
 * The one place phone numbers leave the logs: formats each line as text (a pattern) or JSON (Spring Boot's ECS
 * structured format) and masks the finished bytes with {@link PhoneMasking}. Masking the output rather than the
 * message also covers arguments, MDC values and stack traces, whoever logged them.
 */
public final class MaskingEncoder extends EncoderBase<ILoggingEvent> {

    private String format = "text";
    private String pattern = "%msg%n";
    private Encoder<ILoggingEvent> delegate;

    /** {@code text} or {@code json}; set by the logback configuration from LOG_FORMAT. */
    public void setFormat(String format) {
        this.format = format;
    }

    /** The line layout of the text format. */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        delegate = "json".equals(format) ? json() : text();
        delegate.start();
        super.start();
    }

    private Encoder<ILoggingEvent> text() {
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(getContext());
        text.setPattern(pattern);
        text.setCharset(StandardCharsets.UTF_8);
        return text;
    }

    private Encoder<ILoggingEvent> json() {
        StructuredLogEncoder json = new StructuredLogEncoder();
        json.setContext(getContext());
        json.setFormat("ecs");
        json.setCharset(StandardCharsets.UTF_8);
        return json;
    }

    @Override
    public void stop() {
        delegate.stop();
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return mask(delegate.headerBytes());
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return mask(delegate.encode(event));
    }

    @Override
    public byte[] footerBytes() {
        return mask(delegate.footerBytes());
    }

    /** Both formats write UTF-8, so decoding and re-encoding is lossless. */
    private static byte[] mask(byte[] encoded) {
        if (encoded == null || encoded.length == 0) {
            return encoded;
        }
        String line = new String(encoded, StandardCharsets.UTF_8);
        String masked = PhoneMasking.maskAll(line);
        return masked.equals(line) ? encoded : masked.getBytes(StandardCharsets.UTF_8);
    }
}
