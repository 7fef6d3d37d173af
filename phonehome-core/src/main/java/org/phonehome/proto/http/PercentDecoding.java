package org.phonehome.proto.http;

import java.io.ByteArrayOutputStream;

/** Undoes URL percent-encoding (and '+' for space in forms): pure functions of bytes. Bad escapes stay as sent. */
final class PercentDecoding {

    private PercentDecoding() {
    }

    /** The decoded bytes of {@code b[from, to)}; the same bytes when there is nothing to decode. */
    static byte[] decode(byte[] b, int from, int to, boolean plusIsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        int i = from;
        while (i < to) {
            byte c = b[i];
            if (c == '%' && hex(b, i + 1, to) >= 0
                    && hex(b, i + 2, to) >= 0) {
                out.write(hex(b, i + 1, to) << 4 | hex(b, i + 2, to));
                i += 3;
            } else {
                out.write(plusIsSpace && c == '+' ? ' ' : c);
                i++;
            }
        }
        return out.toByteArray();
    }

    private static int hex(byte[] b, int at, int to) {
        if (at >= to) {
            return -1;
        }
        byte c = b[at];
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
