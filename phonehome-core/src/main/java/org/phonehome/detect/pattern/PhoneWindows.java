package org.phonehome.detect.pattern;

import java.util.ArrayList;
import java.util.List;

/**
 * Where in a part a reportable phone number can be, so libphonenumber (regex-heavy, ~8 MB/s over whole text) only
 * reads those windows: after a {@code +digit} or {@code 00digit} that starts a token (an international number),
 * and after each phone key word (a national number under a key; the key must lie within
 * {@link PatternLimits#CONTEXT_BYTES} before the number). Windows do not cut through a run of letters and digits,
 * so libphonenumber still sees a number's real neighbours; overlapping windows are merged.
 */
final class PhoneWindows {
    /** 32 chars: the longest written number, {@code +86 (138) 0013-8000 ext. 12}, fits. */
    static final int MAX_NUMBER_CHARS = 32;
    /** 64 chars: how far a window grows to reach the end of a letter/digit run. */
    static final int MAX_EXTENSION = 64;
    /** 256 windows per part: a part with more candidates is a dump; the first 256 show what it is. */
    static final int MAX_WINDOWS = 256;

    private PhoneWindows() {
    }

    /**
     * The windows of {@code part} as {@code [start, end)} pairs, by start, merged; {@code idd} says whether a
     * {@code 00} can start an international number (only with a region, whose IDD prefix libphonenumber then reads).
     * A window follows each of {@code keys}' words.
     */
    static List<int[]> find(Part part, Keywords keys, boolean idd) {
        List<int[]> raw = new ArrayList<>();
        List<String> keyWords = keys.words();
        int n = part.length();
        for (int i = 0; i + 1 < n && raw.size() < MAX_WINDOWS; i++) {
            int c = part.at(i);
            if (c == '+' || c == '0') {
                int next = part.at(i + 1);
                boolean tokenStart = !part.isAlnum(i - 1) && part.at(i - 1) != '-';
                boolean plus = c == '+' && (part.isDigit(i + 1) || next == '(');
                boolean zeros = idd && c == '0' && next == '0' && part.isDigit(i + 2);
                if (tokenStart && (plus || zeros)) {
                    raw.add(window(part, Math.max(0, i - 1), i + MAX_NUMBER_CHARS));
                }
            } else if (keys.mayStartAt(part, i)) {
                for (int k = 0; k < keyWords.size(); k++) {
                    String word = keyWords.get(k);
                    if (raw.size() < MAX_WINDOWS && startsWithIgnoreCase(part, i, word)) {
                        raw.add(window(part, i + word.length(), i + PatternLimits.CONTEXT_BYTES + MAX_NUMBER_CHARS));
                    }
                }
            }
        }
        return raw.isEmpty() ? List.of() : merge(raw); // most parts: no window
    }

    private static boolean startsWithIgnoreCase(Part part, int i, String word) {
        for (int k = 0; k < word.length(); k++) {
            int c = part.at(i + k);
            if (c < 0 || (c >= 'A' && c <= 'Z' ? c + 32 : c) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int[] window(Part part, int start, int end) {
        int n = part.length();
        int e = Math.min(n, end);
        int limit = Math.min(n, e + MAX_EXTENSION);
        while (e < limit && part.isAlnum(e)) {
            e++;
        }
        return new int[] {start, e};
    }

    private static List<int[]> merge(List<int[]> windows) {
        windows.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] w : windows) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && w[0] <= last[1]) {
                last[1] = Math.max(last[1], w[1]);
            } else {
                merged.add(w.clone());
            }
        }
        return merged;
    }
}
