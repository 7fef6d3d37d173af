package org.phonehome.proto.http;

import org.phonehome.ByteSearch;

/**
 * Finds where a message starts inside a line of unknown bytes (after a gap or garbage): pure functions of bytes.
 * A request start is {@code [A-Z]+ \S+ HTTP/1.[01]} ending the line; a response start is {@code HTTP/1.[01] NNN}.
 */
final class StartLineSearch {

    /** Methods whose names may follow other capital letters that ended a lost body ("...XYZGET / HTTP/1.1"). */
    private static final String[] KNOWN_METHODS = {"GET", "POST", "PUT", "HEAD", "DELETE", "OPTIONS", "PATCH",
        "CONNECT", "TRACE"};

    private StartLineSearch() {
    }

    /** Index in {@code [from, to)} where a request line ending at {@code to} starts, or -1. */
    static int findRequest(byte[] b, int from, int to) {
        int versionAt = to - 8;
        if (versionAt - from < 4 || !StartLine.isVersion(b, versionAt) || b[versionAt - 1] != ' ') {
            return -1;
        }
        int targetEnd = versionAt - 1;
        int sp = StartLine.lastIndexOf(b, from, targetEnd, (byte) ' ');
        if (sp < from + 1 || sp == targetEnd - 1 || ByteSearch.indexOf(b, sp + 1, targetEnd, (byte) '\t') >= 0) {
            return -1;
        }
        int start = sp;
        while (start > from && StartLine.isMethodByte(b[start - 1])) {
            start--;
        }
        if (start == sp || b[start] < 'A' || b[start] > 'Z') {
            return -1;
        }
        if (start > from && !isLineStart(b[start - 1])) {
            return knownMethodSuffix(b, start, sp);
        }
        return start;
    }

    /** Index in {@code [from, to)} of the first {@code HTTP/1.x NNN} status line start, or -1. */
    static int findStatus(byte[] b, int from, int to) {
        for (int i = from; i + 12 <= to; i++) {
            if (b[i] == 'H' && StartLine.isStatusAt(b, i, to)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isLineStart(byte before) {
        return before == '\n' || before == '\r';
    }

    private static int knownMethodSuffix(byte[] b, int start, int end) {
        for (String m : KNOWN_METHODS) {
            int at = end - m.length();
            if (at >= start && regionEquals(b, at, m)) {
                return at;
            }
        }
        return start;
    }

    private static boolean regionEquals(byte[] b, int at, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (b[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
