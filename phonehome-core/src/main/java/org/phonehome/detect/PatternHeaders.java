package org.phonehome.detect;

import java.util.Locale;
import java.util.Set;

/** HTTP headers whose values are protocol mechanics, not data an app chose to send: the validators skip them. */
final class PatternHeaders {
    private static final Set<String> MECHANICS = Set.of("host", "user-agent", "accept", "accept-encoding",
            "accept-language", "accept-charset", "content-type", "content-length", "content-encoding", "connection",
            "keep-alive", "cache-control", "pragma", "date", "expires", "last-modified", "etag", "if-modified-since",
            "if-none-match", "if-range", "range", "upgrade", "te", "transfer-encoding", "expect", "vary", "server",
            "age", "content-range", "accept-ranges", "origin", "sec-fetch-mode", "sec-fetch-site", "sec-fetch-dest");

    private PatternHeaders() {
    }

    static boolean carriesNoData(String headerName) {
        return headerName != null && MECHANICS.contains(headerName.toLowerCase(Locale.ROOT));
    }
}
