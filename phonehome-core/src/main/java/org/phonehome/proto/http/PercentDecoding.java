package org.phonehome.proto.http;

import java.util.Arrays;
import org.phonehome.ByteSearch;

/** Undoes URL percent-encoding (and '+' for space in forms): pure functions of bytes. Bad escapes stay as sent. */
final class PercentDecoding {

    private PercentDecoding() {
    }

    /** The decoded bytes of {@code b[from, to)}; the same bytes when there is nothing to decode. */
    static byte[] decode(byte[] b, int from, int to, boolean plusIsSpace) {
        int i = plusIsSpace ? ByteSearch.indexOfEither(b, from, to, (byte) '%', (byte) '+')
                : ByteSearch.indexOf(b, from, to, (byte) '%');
        if (i < 0) {
            return Arrays.copyOfRange(b, from, to);
        }
        // Most fields have no escape at all; the rest are written into one array of the undecoded length,
        // which decoding only shortens.
        byte[] out = new byte[to - from];
        int n = i - from;
        System.arraycopy(b, from, out, 0, n);
        while (i < to) {
            byte c = b[i];
            int high;
            int low;
            if (c == '%' && (high = hex(b, i + 1, to)) >= 0 && (low = hex(b, i + 2, to)) >= 0) {
                out[n++] = (byte) (high << 4 | low);
                i += 3;
            } else {
                out[n++] = plusIsSpace && c == '+' ? (byte) ' ' : c;
                i++;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
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
