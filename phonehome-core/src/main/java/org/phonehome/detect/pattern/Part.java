package org.phonehome.detect.pattern;

import java.nio.charset.StandardCharsets;

/** A read-only view of one part's bytes and name; positions are relative to the part's first byte. */
final class Part {
    private final byte[] bytes;
    private final int off;
    private final int len;
    private final String name;
    private int[] longDigitRuns;

    /** {@code off}/{@code len} must lie inside {@code bytes} (checked by the caller); {@code name} may be null. */
    Part(byte[] bytes, int off, int len, String name) {
        this.bytes = bytes;
        this.off = off;
        this.len = len;
        this.name = name == null ? "" : name;
    }

    int length() {
        return len;
    }

    /** The part's name, or "" when it has none. */
    String name() {
        return name;
    }

    /** The byte at {@code i} as 0-255, or -1 outside the part. */
    int at(int i) {
        return i >= 0 && i < len ? bytes[off + i] & 0xff : -1;
    }

    boolean isDigit(int i) {
        int c = at(i);
        return c >= '0' && c <= '9';
    }

    boolean isLetter(int i) {
        int c = at(i) | 0x20;
        return c >= 'a' && c <= 'z';
    }

    boolean isAlnum(int i) {
        return isDigit(i) || isLetter(i);
    }

    boolean isHex(int i) {
        int c = at(i);
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /**
     * Whether the part has a run of {@link Digits#MIN_CACHED_RUN} digits or more. Most parts have none, and the
     * numeric detectors ask this before making the lambda they hand {@link Digits#forEachRun}: the client compiler
     * makes a capturing lambda through a method handle at every call, which cost them about as much as their scan.
     */
    boolean hasLongDigitRun() {
        return longDigitRuns().length > 0;
    }

    /**
     * The maximal digit runs of at least {@link Digits#MIN_CACHED_RUN} digits as {@code start, end} pairs, found
     * once per part and shared by the numeric detectors.
     */
    int[] longDigitRuns() {
        if (longDigitRuns == null) {
            longDigitRuns = Digits.runs(this, Digits.MIN_CACHED_RUN);
        }
        return longDigitRuns;
    }

    /** Bytes {@code [start, end)} as text, one char per byte (ISO-8859-1), clamped to the part. */
    String text(int start, int end) {
        int s = Math.max(0, start);
        int e = Math.min(len, end);
        return e <= s ? "" : new String(bytes, off + s, e - s, StandardCharsets.ISO_8859_1);
    }

    /**
     * The key text a value starting at {@code start} was sent under: up to {@link PatternLimits#CONTEXT_BYTES}
     * before it, cut after the last field separator ({@code & , ; ?} or a line break) so the key of the previous
     * field does not count.
     */
    String keyWindow(int start) {
        int from = Math.max(0, start - PatternLimits.CONTEXT_BYTES);
        for (int i = start - 1; i >= from; i--) {
            int c = at(i);
            if (c == '&' || c == ',' || c == ';' || c == '?' || c == '\n' || c == '\r') {
                from = i + 1;
                break;
            }
        }
        return text(from, start);
    }
}
