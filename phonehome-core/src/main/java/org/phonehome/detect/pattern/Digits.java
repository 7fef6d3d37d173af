package org.phonehome.detect.pattern;

/** Runs of ASCII digits that stand alone as a number, the shape of IMEIs, IMSIs and ICCIDs. */
final class Digits {

    /** Receives one digit run {@code [start, end)}. */
    interface RunVisitor {
        void visit(int start, int end);
    }

    private Digits() {
    }

    /**
     * Calls {@code visitor} for every maximal digit run of {@code minLength} to {@code maxLength} digits that
     * {@linkplain #standsAlone stands alone}, left to right, until {@code hits} is full.
     */
    static void forEachRun(Part part, int minLength, int maxLength, Hits hits, RunVisitor visitor) {
        int n = part.length();
        int i = 0;
        while (i < n && !hits.full()) {
            if (!part.isDigit(i)) {
                i++;
                continue;
            }
            int end = i + 1;
            while (end < n && part.isDigit(end)) {
                end++;
            }
            int length = end - i;
            if (length >= minLength && length <= maxLength && standsAlone(part, i, end)) {
                visitor.visit(i, end);
            }
            i = end;
        }
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
