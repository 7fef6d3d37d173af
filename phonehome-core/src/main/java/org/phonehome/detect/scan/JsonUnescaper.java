package org.phonehome.detect.scan;

import java.util.Arrays;

/**
 * Undoes JSON string escapes ({@link Layers#JSON}) over a whole buffer: {@code \" \\ \/ \b \f \n \r \t} and
 * {@code \\uXXXX} (surrogate pairs joined, the result written as UTF-8). Any other backslash, and a lone surrogate
 * escape, stays as it is. A pure function of bytes.
 *
 * <p>The scanner adds the {@code json} layer only when an escape had to be undone: a value inside plain JSON text
 * is found without opening anything, and the JSON container of a {@code json} part is the integrator's to name.
 */
final class JsonUnescaper {
    private JsonUnescaper() {
    }

    /** True when the buffer holds at least one JSON escape. */
    static boolean applies(byte[] b) {
        return applies(b, 0);
    }

    /** As {@link #applies(byte[])}, knowing there is no backslash before {@code from}. */
    static boolean applies(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\\' && escapeLength(b, i) > 0) {
                return true;
            }
        }
        return false;
    }

    /** The unescaped buffer, or null when there is nothing to undo or no budget left. */
    static DecodedRun decode(byte[] b, DecodeBudget budget) {
        if (!applies(b)) {
            return null;
        }
        int n = budget.allow(b.length); // every escape is longer than what it stands for
        if (n == 0) {
            return null;
        }
        byte[] out = new byte[n];
        EscapeMap.Builder map = new EscapeMap.Builder();
        int o = 0;
        int i = 0;
        while (i < n) {
            int len = b[i] == '\\' ? escapeLength(b, i) : 0;
            if (len == 0 || i + len > n) {
                out[o++] = b[i++];
                continue;
            }
            int start = o;
            if (b[i + 1] == 'u') {
                int cp = unit(b, i + 2);
                if (len == 12) {
                    cp = Character.toCodePoint((char) cp, (char) unit(b, i + 8));
                }
                o = utf8(cp, out, o);
            } else {
                out[o++] = simple(b[i + 1]);
            }
            map.add(start, o - start, i, len);
            i += len;
        }
        budget.spend(o);
        return new DecodedRun(Layers.JSON, 0, n, Arrays.copyOf(out, o), map.build());
    }

    /** Length of the escape at {@code i} (a backslash): 2, 6 or 12 (surrogate pair); 0 when it is not one. */
    private static int escapeLength(byte[] b, int i) {
        if (i + 1 >= b.length) {
            return 0;
        }
        switch (b[i + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
                return 2;
            case 'u':
                int u = unit(b, i + 2);
                if (u < 0 || Character.isLowSurrogate((char) u)) {
                    return 0;
                }
                if (!Character.isHighSurrogate((char) u)) {
                    return 6;
                }
                if (i + 7 < b.length && b[i + 6] == '\\' && b[i + 7] == 'u'
                        && Character.isLowSurrogate((char) Math.max(0, unit(b, i + 8)))) {
                    return 12;
                }
                return 0;
            default:
                return 0;
        }
    }

    /** The four hex digits at {@code i} as a UTF-16 code unit, or -1. */
    private static int unit(byte[] b, int i) {
        if (i + 4 > b.length) {
            return -1;
        }
        int v = 0;
        for (int k = 0; k < 4; k++) {
            int d = Hex.value(b[i + k]);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }

    private static byte simple(byte c) {
        switch (c) {
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            default:
                return c; // " \ /
        }
    }

    private static int utf8(int cp, byte[] out, int o) {
        if (cp < 0x80) {
            out[o++] = (byte) cp;
        } else if (cp < 0x800) {
            out[o++] = (byte) (0xc0 | cp >> 6);
            out[o++] = (byte) (0x80 | cp & 0x3f);
        } else if (cp < 0x10000) {
            out[o++] = (byte) (0xe0 | cp >> 12);
            out[o++] = (byte) (0x80 | cp >> 6 & 0x3f);
            out[o++] = (byte) (0x80 | cp & 0x3f);
        } else {
            out[o++] = (byte) (0xf0 | cp >> 18);
            out[o++] = (byte) (0x80 | cp >> 12 & 0x3f);
            out[o++] = (byte) (0x80 | cp >> 6 & 0x3f);
            out[o++] = (byte) (0x80 | cp & 0x3f);
        }
        return o;
    }
}
