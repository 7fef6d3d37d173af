package org.phonehome.proto.http;

/** Parses a chunk-size line ({@code 1a;name=value}): a pure function of bytes. */
final class ChunkSize {

    /** The line is not a valid chunk size (no hex digit, junk, more than 16 digits, or 2^63 and above). */
    static final long INVALID = -1;

    /** 16 hex digits hold 2^64 - 1; more can only be padding or an attack, and a long holds below 2^63. */
    private static final int MAX_HEX_DIGITS = 16;

    private ChunkSize() {
    }

    /** The size in {@code line[from, to)} (line end removed; extensions after ';' ignored), or {@link #INVALID}. */
    static long parse(byte[] line, int from, int to) {
        int i = from;
        while (i < to && (line[i] == ' ' || line[i] == '\t')) {
            i++;
        }
        int digitsFrom = i;
        long size = 0;
        while (i < to && hex(line[i]) >= 0) {
            if (i - digitsFrom == MAX_HEX_DIGITS) {
                return INVALID;
            }
            size = (size << 4) | hex(line[i]);
            i++;
        }
        if (i == digitsFrom || size < 0) {
            return INVALID; // no digit, or 16 digits with the top bit set: 2^63 or more
        }
        while (i < to && (line[i] == ' ' || line[i] == '\t')) {
            i++;
        }
        return i == to || line[i] == ';' ? size : INVALID;
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
