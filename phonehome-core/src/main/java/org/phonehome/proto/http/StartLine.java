package org.phonehome.proto.http;

import java.nio.charset.StandardCharsets;
import org.phonehome.ByteSearch;

/**
 * A parsed request line ({@code GET /x HTTP/1.1}) or status line ({@code HTTP/1.1 200 OK}); pure functions of bytes.
 *
 * @param request whether it is a request line
 * @param method  the method (request only)
 * @param target  the request target (request only)
 * @param version {@code HTTP/1.0} or {@code HTTP/1.1}
 * @param status  the status code (response only, else 0)
 * @param reason  the reason phrase (response only, else empty)
 */
record StartLine(boolean request, String method, String target, String version, int status, String reason) {

    private static final int VERSION_LENGTH = 8; // "HTTP/1.x"

    /** Parses {@code line} (without its line end) as a request line; null when it is not one. */
    static StartLine parseRequest(byte[] line, int from, int to) {
        int sp1 = ByteSearch.indexOf(line, from, to, (byte) ' ');
        if (sp1 <= from || !isMethod(line, from, sp1)) {
            return null;
        }
        int sp2 = lastIndexOf(line, sp1 + 1, to, (byte) ' ');
        if (sp2 <= sp1 + 1 || to - sp2 - 1 != VERSION_LENGTH || !isVersion(line, sp2 + 1)) {
            return null;
        }
        for (int i = sp1 + 1; i < sp2; i++) {
            if (line[i] == ' ' || line[i] == '\t') {
                return null;
            }
        }
        return new StartLine(true, method(line, from, sp1), ascii(line, sp1 + 1, sp2), version(line, sp2 + 1), 0,
                "");
    }

    /** The version that {@link #isVersion} accepted at {@code at}, as a shared String. */
    private static String version(byte[] b, int at) {
        return b[at + 7] == '1' ? "HTTP/1.1" : "HTTP/1.0";
    }

    /** The method in {@code b[from, to)}: GET and POST, most requests' methods, as shared Strings. */
    private static String method(byte[] b, int from, int to) {
        int n = to - from;
        if (n == 3 && b[from] == 'G' && b[from + 1] == 'E' && b[from + 2] == 'T') {
            return "GET";
        }
        if (n == 4 && b[from] == 'P' && b[from + 1] == 'O' && b[from + 2] == 'S' && b[from + 3] == 'T') {
            return "POST";
        }
        return ascii(b, from, to);
    }

    /**
     * A request line without a valid HTTP version, as HTTP/0.9 clients and broken ones send it:
     * {@code METHOD SP target} (target without spaces), {@code METHOD SP target SP HTTP/<garbage>}, or a bare
     * well-known method. Wireshark and Zeek read these as requests too; the
     * version is then empty. Only tried at a message boundary, never while searching for a start line in garbage.
     */
    static StartLine parseVersionlessRequest(byte[] line, int from, int to) {
        int sp1 = ByteSearch.indexOf(line, from, to, (byte) ' ');
        if (sp1 < 0) {
            String method = ascii(line, from, to);
            return isMethod(line, from, to) && WELL_KNOWN_METHODS.contains(method)
                    ? new StartLine(true, method, "", "", 0, "") : null;
        }
        if (sp1 == from || !isMethod(line, from, sp1) || sp1 + 1 >= to) {
            return null;
        }
        int sp2 = ByteSearch.indexOf(line, sp1 + 1, to, (byte) ' ');
        if (sp2 > sp1 + 1 && to - sp2 - 1 >= 5 && ascii(line, sp2 + 1, sp2 + 6).equals("HTTP/")
                && ByteSearch.indexOf(line, sp2 + 1, to, (byte) ' ') < 0) {
            // A mangled version such as "HTTP/1." or "HTTP/x": the target is still clear.
            return new StartLine(true, ascii(line, from, sp1), ascii(line, sp1 + 1, sp2), ascii(line, sp2 + 1, to),
                    0, "");
        }
        for (int i = sp1 + 1; i < to; i++) {
            if (line[i] == ' ' || line[i] == '\t' || line[i] < 0x21 && line[i] >= 0) {
                return null;
            }
        }
        return new StartLine(true, ascii(line, from, sp1), ascii(line, sp1 + 1, to), "", 0, "");
    }

    /** RFC 9110 section 9 methods, plus PATCH (RFC 5789): a bare one on a line is a request. */
    private static final java.util.Set<String> WELL_KNOWN_METHODS = java.util.Set.of("GET", "HEAD", "POST", "PUT",
            "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    /** Parses {@code line} (without its line end) as a status line; null when it is not one. */
    static StartLine parseStatus(byte[] line, int from, int to) {
        if (!isStatusAt(line, from, to)) {
            return null;
        }
        int status = (line[from + 9] - '0') * 100 + (line[from + 10] - '0') * 10 + (line[from + 11] - '0');
        int reasonFrom = Math.min(to, from + 13);
        String reason = to - reasonFrom == 2 && line[reasonFrom] == 'O' && line[reasonFrom + 1] == 'K' ? "OK"
                : ascii(line, reasonFrom, to).strip();
        return new StartLine(false, null, null, version(line, from), status, reason);
    }

    /** Whether {@code HTTP/1.x NNN} followed by the line end or a space starts at {@code at}. */
    static boolean isStatusAt(byte[] b, int at, int to) {
        if (to - at < 12 || !isVersion(b, at) || b[at + 8] != ' ') {
            return false;
        }
        for (int i = at + 9; i < at + 12; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return b[at + 9] != '0' && (to == at + 12 || b[at + 12] == ' ');
    }

    /** Whether {@code HTTP/1.0} or {@code HTTP/1.1} starts at {@code at} (caller checked 8 bytes are there). */
    static boolean isVersion(byte[] b, int at) {
        return b[at] == 'H' && b[at + 1] == 'T' && b[at + 2] == 'T' && b[at + 3] == 'P' && b[at + 4] == '/'
                && b[at + 5] == '1' && b[at + 6] == '.' && (b[at + 7] == '0' || b[at + 7] == '1');
    }

    /** A method token as phonehome accepts it: upper-case letters (and '-' as in {@code M-SEARCH}). */
    static boolean isMethod(byte[] b, int from, int to) {
        if (to - from > 32 || b[from] < 'A' || b[from] > 'Z') {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isMethodByte(b[i])) {
                return false;
            }
        }
        return true;
    }

    static boolean isMethodByte(byte c) {
        return (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
    }

    static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    static int lastIndexOf(byte[] b, int from, int to, byte c) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
