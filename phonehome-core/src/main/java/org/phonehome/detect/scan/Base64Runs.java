package org.phonehome.detect.scan;

/**
 * Decodes base64 runs ({@link Layers#BASE64}, {@link Layers#BASE64URL}), found by {@link RunFinder} (which says
 * what a run is and which runs are opened). A pure function of bytes.
 *
 * <p>Both alphabets are decoded alike ({@code + -} are 62, {@code / _} are 63). Padding may be missing; a run whose
 * length is 1 more than a multiple of 4 loses its last character (it cannot be whole).
 */
final class Base64Runs {
    private static final byte[] VALUE = new byte[256];

    static {
        java.util.Arrays.fill(VALUE, (byte) -1);
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < chars.length(); i++) {
            VALUE[chars.charAt(i)] = (byte) i;
        }
        VALUE['+'] = 62;
        VALUE['-'] = 62;
        VALUE['/'] = 63;
        VALUE['_'] = 63;
    }

    private Base64Runs() {
    }

    /**
     * A run: data characters {@code [start, dataEnd)}, padding up to {@code end}.
     *
     * @param url true when it contains {@code -} or {@code _}
     */
    record Run(int start, int dataEnd, int end, boolean url) {
    }

    /** Decodes a run (as much of it as the budget allows); null when nothing could be decoded. */
    static DecodedRun decode(byte[] b, Run run, DecodeBudget budget) {
        int chars = run.dataEnd - run.start;
        if (chars % 4 == 1) {
            chars--;
        }
        long wanted = (long) chars * 3 / 4;
        int allowed = budget.allow(wanted);
        if (allowed < wanted) {
            chars = allowed / 3 * 4;
        }
        int n = (int) ((long) chars * 3 / 4);
        if (n == 0) {
            return null;
        }
        byte[] out = new byte[n];
        int o = 0;
        int acc = 0;
        int bits = 0;
        for (int i = run.start, e = run.start + chars; i < e; i++) {
            acc = acc << 6 | VALUE[b[i] & 0xff];
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out[o++] = (byte) (acc >> bits);
            }
        }
        budget.spend(o);
        String layer = run.url ? Layers.BASE64URL : Layers.BASE64;
        return new DecodedRun(layer, run.start, run.end, out, SpanMap.scaled(run.start, run.dataEnd, 4, 3));
    }
}
