package io.wafleet.server.ops;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

import java.nio.charset.StandardCharsets;

/**
 * The one place phone numbers leave the logs: wraps whatever encoder formats a line (the text pattern or the
 * JSON formatter) and masks the finished bytes with {@link PhoneMasking}. Masking the output rather than the
 * message also covers arguments, MDC values and stack traces, whoever logged them.
 */
public final class MaskingEncoder extends EncoderBase<ILoggingEvent> {

    private Encoder<ILoggingEvent> delegate;

    /** Set by the logback configuration ({@code <delegate class="...">}). */
    public void setDelegate(Encoder<ILoggingEvent> delegate) {
        this.delegate = delegate;
    }

    @Override
    public void start() {
        if (delegate == null) {
            addError("MaskingEncoder needs a <delegate> encoder");
            return;
        }
        if (!delegate.isStarted()) {
            delegate.start();
        }
        super.start();
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

    /** Encoders write UTF-8 here (the configuration says so), so decoding and re-encoding is lossless. */
    private static byte[] mask(byte[] encoded) {
        if (encoded == null || encoded.length == 0) {
            return encoded;
        }
        String line = new String(encoded, StandardCharsets.UTF_8);
        String masked = PhoneMasking.maskAll(line);
        return masked.equals(line) ? encoded : masked.getBytes(StandardCharsets.UTF_8);
    }
}
