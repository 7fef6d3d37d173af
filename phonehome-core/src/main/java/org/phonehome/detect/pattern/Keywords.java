package org.phonehome.detect.pattern;

import java.util.ArrayList;
import java.util.List;

/**
 * Key words that give a value its meaning ({@code imsi}, {@code gaid}, ...), found case-insensitively in a part
 * name or a key window. Short words that are common inside other words ({@code tel} in {@code hotel},
 * {@code mac} in {@code machine}) are given as whole words: they must not touch a letter, except across a
 * camelCase boundary ({@code telNo}, {@code wifiMac}).
 */
final class Keywords {
    private final int anywhereCount;
    /** The words that match anywhere, then the whole ones: the order in which {@link #in} prefers them. */
    private final List<String> words;
    /**
     * The first two letters of every word, as a 26x26 table: a quick test at each position of a text before whole
     * words are compared. Every part's name is searched, so the search neither lower-cases nor allocates.
     */
    private final boolean[] bigrams = new boolean[26 * 26];

    /**
     * {@code anywhere} match inside other words; {@code whole} only as words; all lower case ASCII, each starting
     * with two letters.
     */
    Keywords(List<String> anywhere, List<String> whole) {
        List<String> all = new ArrayList<>(anywhere);
        all.addAll(whole);
        for (String w : all) {
            if (w.length() < 2 || !Ascii.isLower(w.charAt(0)) || !Ascii.isLower(w.charAt(1))
                    || !w.equals(Ascii.lower(w))) {
                throw new IllegalArgumentException("a key word must be lower case and start with two letters: " + w);
            }
            bigrams[index(w.charAt(0), w.charAt(1))] = true;
        }
        this.anywhereCount = anywhere.size();
        this.words = List.copyOf(all);
    }

    /** Every key word, for a fast search of where they occur. */
    List<String> words() {
        return words;
    }

    /** Whether some key word's first two letters, in either case, are at {@code i} of {@code part}. */
    boolean mayStartAt(Part part, int i) {
        int index = index(part.at(i), part.at(i + 1));
        return index >= 0 && bigrams[index];
    }

    /** The first key word found in the part's name or in the key window before {@code start}, or null. */
    String around(Part part, int start) {
        String found = in(part.name());
        return found != null ? found : in(part.keyWindow(start));
    }

    /**
     * The first key word found in {@code text}, or null: the first of the words that match anywhere that occurs,
     * else the first whole word that occurs as a word.
     */
    String in(String text) {
        int best = words.size();
        for (int i = 0; i + 1 < text.length() && best > 0; i++) {
            int index = index(text.charAt(i), text.charAt(i + 1));
            if (index < 0 || !bigrams[index]) {
                continue;
            }
            for (int k = 0; k < best; k++) {
                String w = words.get(k);
                if (startsAt(text, i, w) && (k < anywhereCount || Ascii.isWordAt(text, i, w.length()))) {
                    best = k;
                    break;
                }
            }
        }
        return best < words.size() ? words.get(best) : null;
    }

    private static boolean startsAt(String text, int i, String word) {
        if (i + word.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (lower(text.charAt(i + k)) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    /** The bigram table's index of two chars in either case, or -1 when one is not an ASCII letter. */
    private static int index(int c1, int c2) {
        int a = lower(c1) - 'a';
        int b = lower(c2) - 'a';
        return a >= 0 && a < 26 && b >= 0 && b < 26 ? a * 26 + b : -1;
    }
}
