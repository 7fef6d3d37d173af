package org.phonehome.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The input format of the fuzz targets that replay a sequence of events (packets, stream chunks, gaps): a script of
 * operations, each one byte of op code, a two-byte big-endian length and that many bytes (fewer at the end of the
 * input). Each target gives the op code's bits its own meaning. Mutating a byte changes one event; the length
 * prefix keeps the rest of the script intact, so the fuzzer can splice, repeat and reorder events.
 */
final class FuzzScript {
    /** One event: the op code (0-255) and its bytes. */
    record Op(int code, byte[] bytes) {
    }

    /** Bounds the work per input; a longer script adds little the fuzzer cannot reach with fewer events. */
    static final int MAX_OPS = 256;

    private FuzzScript() {
    }

    /** The ops of {@code data}, at most {@link #MAX_OPS}. */
    static List<Op> parse(byte[] data) {
        List<Op> ops = new ArrayList<>();
        int p = 0;
        while (p < data.length && ops.size() < MAX_OPS) {
            int code = data[p] & 0xff;
            int len = 0;
            if (p + 2 < data.length) {
                len = ((data[p + 1] & 0xff) << 8) | (data[p + 2] & 0xff);
            }
            int start = Math.min(data.length, p + 3);
            int end = (int) Math.min(data.length, (long) start + len);
            ops.add(new Op(code, Arrays.copyOfRange(data, start, end)));
            p = end;
        }
        return ops;
    }

    /** Writes scripts (for the seed inputs). */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer op(int code, byte[] bytes) {
            if (bytes.length > 0xffff) {
                throw new IllegalArgumentException("op too long: " + bytes.length);
            }
            out.write(code);
            out.write(bytes.length >>> 8);
            out.write(bytes.length);
            out.writeBytes(bytes);
            return this;
        }

        Writer op(int code) {
            return op(code, new byte[0]);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
