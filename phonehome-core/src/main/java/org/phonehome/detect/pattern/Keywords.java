package org.phonehome.detect.pattern;

import java.util.List;

/**
 * Key words that give a value its meaning ({@code imsi}, {@code gaid}, ...), found case-insensitively in a part
 * name or a key window. Short words that are common inside other words ({@code tel} in {@code hotel},
 * {@code mac} in {@code machine}) are given as whole words: they must not touch a letter, except across a
 * camelCase boundary ({@code telNo}, {@code wifiMac}).
 */
final class Keywords {
    private final List<String> anywhere;
    private final List<String> whole;

    /** {@code anywhere} match inside other words; {@code whole} only as words; all lower case ASCII. */
    Keywords(List<String> anywhere, List<String> whole) {
        this.anywhere = List.copyOf(anywhere);
        this.whole = List.copyOf(whole);
    }

    /** Every key word, for a fast search of where they occur. */
    List<String> words() {
        List<String> all = new java.util.ArrayList<>(anywhere);
        all.addAll(whole);
        return all;
    }

    /** The first key word found in the part's name or in the key window before {@code start}, or null. */
    String around(Part part, int start) {
        String found = in(part.name());
        return found != null ? found : in(part.keyWindow(start));
    }

    /** The first key word found in {@code text}, or null. */
    String in(String text) {
        if (text.isEmpty()) {
            return null;
        }
        String lower = Ascii.lower(text);
        for (String word : anywhere) {
            if (lower.contains(word)) {
                return word;
            }
        }
        for (String word : whole) {
            for (int i = lower.indexOf(word); i >= 0; i = lower.indexOf(word, i + 1)) {
                if (Ascii.isWordAt(text, i, word.length())) {
                    return word;
                }
            }
        }
        return null;
    }
}
