package org.phonehome.detect.profile;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of UTF-8 text as URLs (RFC 3986) and HTML forms (application/x-www-form-urlencoded) do it. */
final class PercentEncoding {
    private static final char[] UPPER = "0123456789ABCDEF".toCharArray();
    private static final char[] LOWER = "0123456789abcdef".toCharArray();

    private PercentEncoding() {
    }

    /**
     * Percent-encodes {@code text}. With {@code form} false, RFC 3986 section 2.3's unreserved characters
     * ({@code A-Z a-z 0-9 - . _ ~}) are kept; with {@code form} true, the WHATWG form set ({@code A-Z a-z 0-9 * - . _},
     * as {@code java.net.URLEncoder} and browsers do) is kept and a space becomes {@code +}.
     */
    static String encode(String text, boolean form, boolean upperHex) {
        char[] digits = upperHex ? UPPER : LOWER;
        StringBuilder out = new StringBuilder(text.length() * 3);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isAlphaNumeric(c) || c == '-' || c == '.' || c == '_' || (form ? c == '*' : c == '~')) {
                out.append((char) c);
            } else if (form && c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(digits[c >> 4]).append(digits[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean isAlphaNumeric(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
