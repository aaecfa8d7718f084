package io.wafleet.protocol.binary;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** Inflates the zlib (RFC 1950) body of a compressed frame, refusing to produce more than a fixed maximum. */
final class FrameInflater {
    private static final int MIN_INITIAL_CAPACITY = 1024;

    private FrameInflater() {}

    static byte[] inflate(byte[] in, int offset, int length, int maxInflatedSize) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(in, offset, length);
            // One byte over the limit is enough to tell "too big" from "exactly at the limit".
            int limit = maxInflatedSize + 1;
            byte[] out = new byte[(int) Math.min(limit, Math.max(MIN_INITIAL_CAPACITY, 4L * length))];
            int size = 0;
            while (!inflater.finished()) {
                if (size == out.length) {
                    if (out.length == limit) {
                        throw new MalformedNodeException("compressed frame inflates to more than " + maxInflatedSize + " bytes");
                    }
                    out = Arrays.copyOf(out, (int) Math.min(limit, 2L * out.length));
                }
                int produced = inflater.inflate(out, size, out.length - size);
                size += produced;
                if (produced == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new MalformedNodeException("compressed frame is truncated or needs a preset dictionary");
                }
            }
            if (size > maxInflatedSize) {
                throw new MalformedNodeException("compressed frame inflates to more than " + maxInflatedSize + " bytes");
            }
            if (inflater.getRemaining() > 0) {
                throw new MalformedNodeException(inflater.getRemaining() + " bytes after the end of the compressed stream");
            }
            return size == out.length ? out : Arrays.copyOf(out, size);
        } catch (DataFormatException e) {
            throw new MalformedNodeException("compressed frame is not valid zlib data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
