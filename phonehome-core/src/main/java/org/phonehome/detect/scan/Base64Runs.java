package org.phonehome.detect.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds and decodes base64 runs ({@link Layers#BASE64}, {@link Layers#BASE64URL}). A pure function of bytes.
 *
 * <p>A run is a maximal stretch of one alphabet, standard ({@code A-Z a-z 0-9 + /}) or URL-safe
 * ({@code A-Z a-z 0-9 - _}), at least {@link ScanLimits#minBase64Run()} long, with up to two {@code =} after it.
 * Both alphabets are searched, because a URL path {@code /v1/ODY0...} is one standard run (garbage, the slashes
 * misalign it) but several URL-safe runs, one of them the value; a run found by both searches is decoded once.
 * A run using neither alphabet's two extra characters decodes to the same bytes in both, and is labelled
 * {@code base64}; one with {@code -} or {@code _} is {@code base64url}. Padding may be missing; a run whose length
 * is 1 more than a multiple of 4 loses its last character (it cannot be whole). A run made only of hex digits is
 * left to {@link HexRuns}: such base64 is vanishingly rare at 16 characters and up.
 */
final class Base64Runs {
    private static final byte[] VALUE = new byte[256];
    private static final int STANDARD = 1;
    private static final int URL_SAFE = 2;
    private static final byte[] ALPHABET = new byte[256];

    static {
        java.util.Arrays.fill(VALUE, (byte) -1);
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < chars.length(); i++) {
            VALUE[chars.charAt(i)] = (byte) i;
            ALPHABET[chars.charAt(i)] = STANDARD | URL_SAFE;
        }
        VALUE['+'] = 62;
        VALUE['-'] = 62;
        VALUE['/'] = 63;
        VALUE['_'] = 63;
        ALPHABET['+'] = STANDARD;
        ALPHABET['/'] = STANDARD;
        ALPHABET['-'] = URL_SAFE;
        ALPHABET['_'] = URL_SAFE;
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

    /** The runs of both alphabets, by start (equal spans once). */
    static List<Run> find(byte[] b, int minRun) {
        List<Run> runs = new ArrayList<>();
        find(b, minRun, STANDARD, runs);
        find(b, minRun, URL_SAFE, runs);
        runs.sort((x, y) -> x.start != y.start ? Integer.compare(x.start, y.start)
                : Integer.compare(x.dataEnd, y.dataEnd));
        List<Run> out = new ArrayList<>(runs.size());
        for (Run r : runs) {
            Run last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last == null || last.start != r.start || last.dataEnd != r.dataEnd) {
                out.add(r);
            }
        }
        return out;
    }

    private static void find(byte[] b, int minRun, int alphabet, List<Run> out) {
        int i = 0;
        while (i < b.length) {
            if ((ALPHABET[b[i] & 0xff] & alphabet) == 0) {
                i++;
                continue;
            }
            int start = i;
            boolean extra = false;
            boolean allHex = true;
            while (i < b.length && (ALPHABET[b[i] & 0xff] & alphabet) != 0) {
                extra |= ALPHABET[b[i] & 0xff] != (STANDARD | URL_SAFE);
                allHex &= Hex.value(b[i]) >= 0;
                i++;
            }
            int dataEnd = i;
            while (i < b.length && i - dataEnd < 2 && b[i] == '=') {
                i++;
            }
            if (dataEnd - start >= minRun && !allHex) {
                out.add(new Run(start, dataEnd, i, alphabet == URL_SAFE && extra));
            }
        }
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
