package org.phonehome.detect;

import java.nio.charset.StandardCharsets;
import org.phonehome.detect.scan.ByteMatcher;

/**
 * The text around a finding, as the report shows it: printable, one line, and with every identifier of the profile
 * in it masked unless the user asked to reveal them ({@code 8640****4566}).
 */
public final class Evidence {
    /** Characters kept at each end of a masked value: enough to recognise it, too few to reuse it. */
    static final int KEPT_CHARS = 4;
    private static final String ELLIPSIS = "\u2026";

    private final ByteMatcher matcher;
    private final boolean reveal;

    /**
     * @param matcher finds the profile's identifiers inside the evidence, so all of them are masked, not only the
     *                one the finding is about
     * @param reveal  show identifiers as they are
     */
    public Evidence(ByteMatcher matcher, boolean reveal) {
        this.matcher = matcher;
        this.reveal = reveal;
    }

    /**
     * The evidence for a value at {@code [at, at+length)} of {@code context}; {@code clippedLeft}/{@code clippedRight}
     * say whether the context was cut from longer text (an ellipsis marks it).
     */
    public String of(byte[] context, int at, int length, boolean clippedLeft, boolean clippedRight) {
        boolean[] masked = new boolean[context.length];
        if (!reveal) {
            mask(masked, at, Math.min(context.length, at + length));
            if (matcher != null) {
                matcher.scan(context, 0, context.length, (pattern, end) -> {
                    int start = end - matcher.variants().get(pattern).bytes().length;
                    mask(masked, Math.max(0, start), end);
                });
            }
        }
        StringBuilder sb = new StringBuilder(context.length + 8);
        if (clippedLeft) {
            sb.append(ELLIPSIS);
        }
        int i = 0;
        while (i < context.length) {
            if (masked[i]) {
                int j = i;
                while (j < context.length && masked[j]) {
                    j++;
                }
                appendMasked(sb, context, i, j);
                i = j;
            } else {
                appendPrintable(sb, context[i]);
                i++;
            }
        }
        if (clippedRight) {
            sb.append(ELLIPSIS);
        }
        return sb.toString();
    }

    /** A value alone, masked unless revealed. */
    public String value(String value) {
        if (reveal) {
            return value;
        }
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        appendMasked(sb, b, 0, b.length);
        return sb.toString();
    }

    private static void mask(boolean[] masked, int from, int to) {
        for (int k = Math.max(0, from); k < to && k < masked.length; k++) {
            masked[k] = true;
        }
    }

    /** First and last {@link #KEPT_CHARS} characters, stars between; short values keep less. */
    private static void appendMasked(StringBuilder sb, byte[] b, int from, int to) {
        int n = to - from;
        int keep = n > 3 * KEPT_CHARS ? KEPT_CHARS : n > 4 ? 1 : 0;
        for (int k = from; k < from + keep; k++) {
            appendPrintable(sb, b[k]);
        }
        sb.append("*".repeat(Math.max(1, Math.min(n - 2 * keep, KEPT_CHARS))));
        for (int k = to - keep; k < to; k++) {
            appendPrintable(sb, b[k]);
        }
    }

    private static void appendPrintable(StringBuilder sb, byte c) {
        int v = c & 0xff;
        sb.append(v >= 0x20 && v < 0x7f ? (char) v : '.');
    }
}
