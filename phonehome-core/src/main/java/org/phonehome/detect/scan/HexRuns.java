package org.phonehome.detect.scan;

/**
 * Decodes hex runs ({@link Layers#HEX}), found by {@link RunFinder}: maximal runs of {@code 0-9 a-f A-F} of even
 * length, at least {@link ScanLimits#minHexRun()} long. (The hex form of a value itself is a variant the matcher
 * finds; a hex run is opened because it may hold a container: gzip, JSON, text.) A pure function of bytes.
 */
final class HexRuns {
    private HexRuns() {
    }

    /** A run {@code [start, end)}. */
    record Run(int start, int end) {
    }

    /** Decodes a run (as much of it as the budget allows); null when nothing could be decoded. */
    static DecodedRun decode(byte[] b, Run run, DecodeBudget budget) {
        int n = budget.allow((run.end - run.start) / 2);
        if (n == 0) {
            return null;
        }
        byte[] out = new byte[n];
        for (int k = 0, i = run.start; k < n; k++, i += 2) {
            out[k] = (byte) (Hex.value(b[i]) << 4 | Hex.value(b[i + 1]));
        }
        budget.spend(n);
        return new DecodedRun(Layers.HEX, run.start, run.end, out, SpanMap.scaled(run.start, run.end, 2, 1));
    }
}
