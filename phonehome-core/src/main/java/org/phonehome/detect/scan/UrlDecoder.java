package org.phonehome.detect.scan;

import java.util.Arrays;

/**
 * Undoes URL encoding ({@link Layers#URLENCODED}) over a whole buffer: {@code %XX} with two hex digits becomes the
 * byte; in form context (a query or form part's own value) {@code +} becomes a space. A {@code %} not followed by
 * two hex digits stays as it is. A pure function of bytes.
 */
final class UrlDecoder {
    private UrlDecoder() {
    }

    /** True when the buffer holds at least one {@code %XX}, or a {@code +} in form context. */
    static boolean applies(byte[] b, boolean plusIsSpace) {
        return applies(b, plusIsSpace, 0);
    }

    /** As {@link #applies(byte[], boolean)}, knowing there is no {@code %} (nor {@code +}) before {@code from}. */
    static boolean applies(byte[] b, boolean plusIsSpace, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '%' && i + 2 < b.length && Hex.value(b[i + 1]) >= 0 && Hex.value(b[i + 2]) >= 0) {
                return true;
            }
            if (plusIsSpace && b[i] == '+') {
                return true;
            }
        }
        return false;
    }

    /** The decoded buffer, or null when there is nothing to undo or no budget left. */
    static DecodedRun decode(byte[] b, boolean plusIsSpace, DecodeBudget budget) {
        if (!applies(b, plusIsSpace)) {
            return null;
        }
        int n = budget.allow(b.length); // output is never longer than the input
        if (n == 0) {
            return null;
        }
        byte[] out = new byte[n];
        EscapeMap.Builder map = new EscapeMap.Builder();
        int o = 0;
        int i = 0;
        while (i < n) {
            byte c = b[i];
            if (c == '%' && i + 2 < n && Hex.value(b[i + 1]) >= 0 && Hex.value(b[i + 2]) >= 0) {
                map.add(o, 1, i, 3);
                out[o++] = (byte) (Hex.value(b[i + 1]) << 4 | Hex.value(b[i + 2]));
                i += 3;
            } else {
                out[o++] = plusIsSpace && c == '+' ? (byte) ' ' : c;
                i++;
            }
        }
        budget.spend(o);
        return new DecodedRun(Layers.URLENCODED, 0, n, Arrays.copyOf(out, o), map.build());
    }
}
