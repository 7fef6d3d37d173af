package org.phonehome.detect.pattern;

import java.util.Set;

/**
 * E-mail address, RFC 5322-lite: a local part of {@code [A-Za-z0-9._%+-]} (1-64 chars, no leading, trailing or
 * double dot), {@code @}, and a domain of at least two labels of {@code [A-Za-z0-9-]} (1-63 chars, no leading or
 * trailing dash; 253 chars in all) whose last label, the TLD, is 2-24 letters and not a file extension
 * ({@code icon@2x.png} is an image name). Skipped: the userinfo of a URL ({@code https://user@host.com/}). At most
 * {@link PatternLimits#MAX_EMAILS_PER_PART} per part.
 */
final class EmailDetector implements Detector {
    static final String IDENTIFIER = "email";
    static final String CATEGORY = "account";
    static final int MAX_LOCAL = 64;
    static final int MAX_DOMAIN = 253;
    static final int MAX_LABEL = 63;
    static final int MIN_TLD = 2;
    static final int MAX_TLD = 24;
    /** File extensions that look like TLDs after an {@code @2x}-style asset suffix; none is a delegated TLD. */
    private static final Set<String> FILE_EXTENSIONS = Set.of(
            "png", "jpg", "jpeg", "gif", "webp", "svg", "ico", "bmp", "js", "css", "json", "html", "htm", "xml",
            "txt", "pdf", "heic", "avif", "ttf", "woff");

    @Override
    public void scan(Part part, Hits hits) {
        int found = 0;
        int n = part.length();
        for (int at = 1; at < n - 1 && found < PatternLimits.MAX_EMAILS_PER_PART; at++) {
            if (part.at(at) != '@') {
                continue;
            }
            if (hits.full()) {
                break; // asked at a candidate only, as in MacDetector
            }
            int start = localStart(part, at);
            int end = domainEnd(part, at);
            if (start < 0 || end < 0 || inUrlUserinfo(part, start)) {
                continue;
            }
            String value = part.text(start, end);
            if (isValid(value, at - start) && hits.add(IDENTIFIER, CATEGORY, start, end - start, value, "syntax")) {
                found++;
            }
        }
    }

    /** Where the local part before {@code at} starts, or -1 when it is empty or too long. */
    private static int localStart(Part part, int at) {
        int i = at;
        while (i > 0 && at - i <= MAX_LOCAL && isLocalChar(part.at(i - 1))) {
            i--;
        }
        return i == at || at - i > MAX_LOCAL ? -1 : i;
    }

    /** Where the domain after {@code at} ends (a trailing dot, as at a sentence's end, left out), or -1. */
    private static int domainEnd(Part part, int at) {
        int i = at + 1;
        while (i < part.length() && i - at <= MAX_DOMAIN && isDomainChar(part.at(i))) {
            i++;
        }
        if (isDomainChar(part.at(i))) {
            return -1; // longer than a domain can be
        }
        while (i > at + 1 && part.at(i - 1) == '.') {
            i--;
        }
        return i == at + 1 || i - at - 1 > MAX_DOMAIN ? -1 : i;
    }

    /** True when the token holding the address (back to a space, quote or field separator) has a {@code ://}. */
    private static boolean inUrlUserinfo(Part part, int start) {
        for (int i = start - 1; i >= Math.max(0, start - 2 * MAX_LOCAL); i--) {
            int c = part.at(i);
            if (c == '/' && part.at(i - 1) == '/' && part.at(i - 2) == ':') {
                return true;
            }
            if (c <= ' ' || c == '"' || c == '\'' || c == '&' || c == '=' || c == '<' || c == '>' || c == ',') {
                return false;
            }
        }
        return false;
    }

    /** True when {@code address} (local part of {@code localLength} chars, {@code @}, domain) is valid. */
    static boolean isValid(String address, int localLength) {
        String local = address.substring(0, localLength);
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return false;
        }
        String[] labels = address.substring(localLength + 1).split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > MAX_LABEL || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
        }
        String tld = labels[labels.length - 1];
        return tld.length() >= MIN_TLD && tld.length() <= MAX_TLD && tld.chars().allMatch(c -> Ascii.isLetter((char) c))
                && !FILE_EXTENSIONS.contains(Ascii.lower(tld));
    }

    private static boolean isLocalChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean isDomainChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-';
    }
}
