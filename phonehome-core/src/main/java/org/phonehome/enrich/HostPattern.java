package org.phonehome.enrich;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One host pattern of the {@link HostCatalog}: labels that are literal, {@code *} (one or more whole labels), or
 * a glob inside one label ({@code firebaselogging*}). Immutable.
 */
final class HostPattern {

    /** Host names are at most 253 characters (RFC 1035); a longer pattern is a mistake. */
    static final int MAX_LENGTH = 253;
    private static final Pattern VALID = Pattern.compile("[a-z0-9*_-]+(\\.[a-z0-9*_-]+)*");

    private final String text;
    private final String[] labels;
    /** Per label: null when literal or a plain "*", else the glob compiled. */
    private final Pattern[] globs;
    /** The literal labels at the right end, joined: what the catalog indexes the pattern by. */
    private final String literalTail;
    private final boolean exact;
    private final int literalLabels;
    private final int literalChars;

    private HostPattern(String text) {
        this.text = text;
        this.labels = text.split("\\.");
        this.globs = new Pattern[labels.length];
        int lits = 0;
        int chars = 0;
        int tailStart = labels.length;
        for (int i = labels.length - 1; i >= 0 && labels[i].indexOf('*') < 0; i--) {
            tailStart = i;
        }
        for (int i = 0; i < labels.length; i++) {
            String l = labels[i];
            if (l.indexOf('*') < 0) {
                lits++;
                chars += l.length();
            } else if (!l.equals("*")) {
                globs[i] = Pattern.compile(Pattern.quote(l).replace("*", "\\E[a-z0-9_-]*\\Q"));
                chars += l.length() - 1;
            }
        }
        this.literalTail = String.join(".", java.util.Arrays.copyOfRange(labels, tailStart, labels.length));
        this.exact = lits == labels.length;
        this.literalLabels = lits;
        this.literalChars = chars;
    }

    /** Parses a pattern; returns null with no exception when {@code text} is not one (the caller names the line). */
    static HostPattern parse(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.length() > MAX_LENGTH || !VALID.matcher(t).matches() || t.contains("**")) {
            return null;
        }
        return new HostPattern(t);
    }

    /** The literal labels at the right end ("xiaomi.com" for "*.ad.xiaomi.com" is "ad.xiaomi.com"). */
    String literalTail() {
        return literalTail;
    }

    @Override
    public String toString() {
        return text;
    }

    /** Whether the normalised host (lower case, split into labels) matches. */
    boolean matches(String[] host) {
        return match(0, host, 0);
    }

    private boolean match(int pi, String[] host, int hi) {
        if (pi == labels.length) {
            return hi == host.length;
        }
        if (labels[pi].equals("*")) {
            int rest = labels.length - pi - 1;
            for (int k = 1; hi + k + rest <= host.length; k++) {
                if (match(pi + 1, host, hi + k)) {
                    return true;
                }
            }
            return false;
        }
        if (hi >= host.length) {
            return false;
        }
        boolean ok = globs[pi] == null ? labels[pi].equals(host[hi]) : globs[pi].matcher(host[hi]).matches();
        return ok && match(pi + 1, host, hi + 1);
    }

    /**
     * Positive when this pattern is more specific than {@code o}: an exact host beats any wildcard, then more
     * literal labels, then more literal characters, then more labels.
     */
    int compareSpecificity(HostPattern o) {
        if (exact != o.exact) {
            return exact ? 1 : -1;
        }
        if (literalLabels != o.literalLabels) {
            return Integer.compare(literalLabels, o.literalLabels);
        }
        if (literalChars != o.literalChars) {
            return Integer.compare(literalChars, o.literalChars);
        }
        return Integer.compare(labels.length, o.labels.length); // *.*.x.com matches less than *.x.com
    }
}
