package org.phonehome.detect.pattern;

/** Runs of ASCII digits that stand alone as a number, the shape of IMEIs, IMSIs and ICCIDs. */
final class Digits {

    /** Receives one digit run {@code [start, end)}. */
    interface RunVisitor {
        void visit(int start, int end);
    }

    private Digits() {
    }

    /** 15 digits: the shortest run a numeric detector wants (IMEI, IMSI); shorter runs are not kept. */
    static final int MIN_CACHED_RUN = 15;

    /**
     * Calls {@code visitor} for every maximal digit run of {@code minLength} ({@link #MIN_CACHED_RUN} or more) to
     * {@code maxLength} digits that {@linkplain #standsAlone stands alone}, left to right, until {@code hits} is full.
     */
    static void forEachRun(Part part, int minLength, int maxLength, Hits hits, RunVisitor visitor) {
        if (minLength < MIN_CACHED_RUN) {
            throw new IllegalArgumentException("digit runs shorter than " + MIN_CACHED_RUN + " are not kept");
        }
        int[] runs = part.longDigitRuns();
        for (int r = 0; r < runs.length && !hits.full(); r += 2) {
            int start = runs[r];
            int end = runs[r + 1];
            int length = end - start;
            if (length >= minLength && length <= maxLength && standsAlone(part, start, end)) {
                visitor.visit(start, end);
            }
        }
    }

    /** The maximal digit runs of at least {@code minLength} digits, as {@code start, end} pairs. */
    static int[] runs(Part part, int minLength) {
        int[] out = new int[8];
        int count = 0;
        int n = part.length();
        int i = 0;
        while (i < n) {
            if (!part.isDigit(i)) {
                i++;
                continue;
            }
            int end = i + 1;
            while (end < n && part.isDigit(end)) {
                end++;
            }
            if (end - i >= minLength) {
                if (count + 2 > out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2);
                }
                out[count++] = i;
                out[count++] = end;
            }
            i = end;
        }
        return java.util.Arrays.copyOf(out, count);
    }

    /**
     * True when the run is a whole token: no letter or digit touches it (so it is not inside a hex hash, a base64
     * blob or an alphanumeric id), and it is not the integer or fraction part of a decimal ({@code 1.234...}).
     */
    static boolean standsAlone(Part part, int start, int end) {
        if (part.isAlnum(start - 1) || part.isAlnum(end)) {
            return false;
        }
        boolean fraction = part.at(start - 1) == '.' && part.isDigit(start - 2);
        boolean integer = part.at(end) == '.' && part.isDigit(end + 1);
        return !fraction && !integer;
    }

    /** True when every char of {@code digits} is the same. */
    static boolean allSame(String digits) {
        for (int i = 1; i < digits.length(); i++) {
            if (digits.charAt(i) != digits.charAt(0)) {
                return false;
            }
        }
        return true;
    }
}
