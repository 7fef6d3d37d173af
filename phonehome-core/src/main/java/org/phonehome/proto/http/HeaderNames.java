package org.phonehome.proto.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The names of the header fields most messages carry, as one String each: a header line whose name is one of them,
 * byte for byte (the sender's case is kept, so only the usual spelling matches), gets the shared String instead of
 * a new one, and {@link HttpHeader#is} answers it by identity. Names arrive once per header line of every message.
 */
final class HeaderNames {

    private static final String[] KNOWN = {
        "Accept", "Accept-Charset", "Accept-Encoding", "Accept-Language", "Accept-Ranges",
        "Access-Control-Allow-Origin", "Age", "Allow", "Authorization", "Cache-Control", "Connection",
        "Content-Disposition", "Content-Encoding",
        "Content-Language", "Content-Length", "Content-Location", "Content-Range", "Content-Type", "Cookie", "Date",
        "ETag", "Expect", "Expires", "Host", "If-Match", "If-Modified-Since", "If-None-Match", "If-Range",
        "Keep-Alive", "Last-Modified", "Location", "Origin", "Pragma", "Proxy-Connection", "Range", "Referer",
        "Server", "Set-Cookie", "Strict-Transport-Security", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
        "User-Agent", "Vary", "Via", "WWW-Authenticate", "X-Forwarded-For", "X-Requested-With",
        "accept", "accept-encoding", "accept-language", "cache-control", "connection", "content-encoding",
        "content-length", "content-type", "cookie", "date", "host", "server", "set-cookie", "transfer-encoding",
        "user-agent", "Content-type", "Content-length", "User-agent",
    };
    private static final int SLOTS = 256;
    private static final String[] TABLE = new String[SLOTS];
    private static final byte[][] BYTES = new byte[SLOTS][];

    static {
        for (String name : KNOWN) {
            byte[] b = name.getBytes(StandardCharsets.ISO_8859_1);
            int slot = slot(b, 0, b.length);
            while (TABLE[slot] != null) {
                slot = (slot + 1) & (SLOTS - 1);
            }
            TABLE[slot] = name;
            BYTES[slot] = b;
        }
    }

    private HeaderNames() {
    }

    /** The name in {@code b[from, to)} as a String: a shared one when it is a known name, else a new one. */
    static String of(byte[] b, int from, int to) {
        int n = to - from;
        if (n > 0) {
            for (int slot = slot(b, from, n); TABLE[slot] != null; slot = (slot + 1) & (SLOTS - 1)) {
                byte[] known = BYTES[slot];
                if (known.length == n && Arrays.equals(known, 0, n, b, from, to)) {
                    return TABLE[slot];
                }
            }
        }
        return StartLine.ascii(b, from, to);
    }

    /** From the length ({@code n} > 0) and three bytes: known names differ in these far more often than not. */
    private static int slot(byte[] b, int from, int n) {
        int h = n * 31 + b[from];
        h = h * 31 + b[from + n - 1];
        h = h * 31 + b[from + (n >>> 1)];
        return (h ^ (h >>> 8)) & (SLOTS - 1);
    }
}
