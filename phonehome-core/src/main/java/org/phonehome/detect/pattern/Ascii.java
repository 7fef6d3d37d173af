package org.phonehome.detect.pattern;

/** ASCII-only text helpers (keys and identifiers are ASCII; no locale can change them). */
final class Ascii {
    private Ascii() {
    }

    /** {@code s} with A-Z turned to a-z and every other char kept, so indices stay the same. */
    static String lower(String s) {
        char[] out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (out == null) {
                    out = s.toCharArray();
                }
                out[i] = (char) (c + 32);
            }
        }
        return out == null ? s : new String(out);
    }

    static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    /**
     * True when {@code text[start, start+length)} is a word: no letter touches it on either side, except across a
     * camelCase boundary (a lower-case letter then an upper-case one).
     */
    static boolean isWordAt(String text, int start, int length) {
        int end = start + length;
        boolean leftOk = start == 0 || !isLetter(text.charAt(start - 1))
                || isLower(text.charAt(start - 1)) && isUpper(text.charAt(start));
        boolean rightOk = end >= text.length() || !isLetter(text.charAt(end))
                || isLower(text.charAt(end - 1)) && isUpper(text.charAt(end));
        return leftOk && rightOk;
    }
}
