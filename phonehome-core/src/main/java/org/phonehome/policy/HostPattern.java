package org.phonehome.policy;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A host name pattern of the policy ({@code *.xiaomi.com}, {@code tracking.*.miui.com}, {@code update.miui.com}).
 *
 * <p>Matching is case-insensitive and ignores one trailing dot. A leading {@code *.} stands for one or more labels
 * ({@code *.xiaomi.com} matches {@code api.account.xiaomi.com} but not {@code xiaomi.com}); a {@code *} label elsewhere
 * stands for exactly one label ({@code tracking.*.miui.com} matches {@code tracking.intl.miui.com}); {@code *} alone
 * matches every host name; a {@code *} inside
 * a label stands for any run of characters within that label ({@code api*.example.com}). An IP address literal
 * matches that address as written. A pattern that can match nothing (empty, {@code **}, an empty label as in
 * {@code a..b}, a character no host name has, a label longer than DNS allows) is refused by {@link #parse}.
 *
 * <p>{@link #specificity()}: more literal labels, then more literal characters, is more specific; a pattern without
 * wildcards is more specific than any with the same literal labels. Two patterns are equal when their text is.
 */
public final class HostPattern {
    /** RFC 1035 section 2.3.4: a label is at most 63 octets, so a longer literal label matches no host name. */
    static final int MAX_LABEL_CHARS = 63;
    /** RFC 1035 section 2.3.4: a name is at most 255 octets; longer hosts (hostile SNI or Host) match nothing. */
    static final int MAX_HOST_CHARS = 255;
    /** Literal labels dominate literal characters in {@link #specificity} (no name has this many characters). */
    private static final int LABEL_WEIGHT = 1000;
    /** Rewards a pattern without wildcards over one with the same literal labels. */
    private static final int EXACT_BONUS = 500;
    private static final Pattern HOST_CHARS = Pattern.compile("[a-z0-9_*-]+");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-f:.]+");

    private final String text;
    private final int specificity;
    private final Pattern regex;

    private HostPattern(String text, int specificity) {
        this.text = text;
        this.specificity = specificity;
        this.regex = compile(text);
    }

    /** The pattern as normalised: lower case, no trailing dot. */
    public String text() {
        return text;
    }

    /** How specific the pattern is; the higher, the more specific. */
    public int specificity() {
        return specificity;
    }

    /** Parses a pattern; the exception's message says why it can match nothing. */
    public static HostPattern parse(String raw) {
        String text = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        if (text.endsWith(".") && !text.endsWith("..")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("an empty host pattern matches nothing");
        }
        if (text.contains("**")) {
            throw new IllegalArgumentException("'" + raw + "' matches nothing: '**' is not a pattern "
                    + "(a leading '*.' already stands for any number of labels)");
        }
        if (text.contains(":")) {
            if (text.contains("*") || !IPV6_LITERAL.matcher(text).matches()) {
                throw new IllegalArgumentException("'" + raw + "' matches nothing: ':' only appears in an IPv6 "
                        + "address, written without wildcards");
            }
            return new HostPattern(text, LABEL_WEIGHT * 8 + EXACT_BONUS);
        }
        String[] labels = text.split("\\.", -1);
        int literalLabels = 0;
        int literalChars = 0;
        for (String label : labels) {
            if (label.isEmpty()) {
                throw new IllegalArgumentException("'" + raw + "' matches nothing: it has an empty label "
                        + "('..' or a leading '.')");
            }
            if (!HOST_CHARS.matcher(label).matches()) {
                throw new IllegalArgumentException("'" + raw + "' matches nothing: '" + label + "' has a character "
                        + "no host name has (letters, digits, '-', '_' and the wildcard '*' only)");
            }
            if (label.replace("*", "").length() > MAX_LABEL_CHARS) {
                throw new IllegalArgumentException("'" + raw + "' matches nothing: label '" + label + "' is longer "
                        + "than DNS allows (" + MAX_LABEL_CHARS + " characters)");
            }
            if (!label.contains("*")) {
                literalLabels++;
            }
            literalChars += label.replace("*", "").length();
        }
        boolean exact = !text.contains("*");
        return new HostPattern(text, literalLabels * LABEL_WEIGHT + literalChars + (exact ? EXACT_BONUS : 0));
    }

    /** True when {@code host} (any case, with or without a trailing dot) matches. */
    public boolean matches(String host) {
        if (host == null || host.length() > MAX_HOST_CHARS) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return regex.matcher(h).matches();
    }

    private static Pattern compile(String text) {
        String[] labels = text.split("\\.", -1);
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < labels.length; i++) {
            String label = labels[i];
            if (i > 0) {
                re.append("\\.");
            }
            if (label.equals("*")) {
                re.append(i == 0 ? "[^.]+(?:\\.[^.]+)*" : "[^.]+");
            } else {
                String[] parts = label.split("\\*", -1);
                for (int p = 0; p < parts.length; p++) {
                    if (p > 0) {
                        re.append("[^.]*");
                    }
                    re.append(Pattern.quote(parts[p]));
                }
            }
        }
        return Pattern.compile(re.toString());
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostPattern other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
