package org.phonehome.proto.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reading header values: look-ups and comma lists. Pure functions. */
final class HeaderValues {

    private HeaderValues() {
    }

    /** The first value of header {@code name}, or null. */
    static String first(List<HttpHeader> headers, String name) {
        for (HttpHeader h : headers) {
            if (h.is(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** Every comma-separated element of every header {@code name}, trimmed, lower-cased, empties dropped. */
    static List<String> tokens(List<HttpHeader> headers, String name) {
        List<String> out = new ArrayList<>();
        for (HttpHeader h : headers) {
            if (h.is(name)) {
                for (String t : h.value().split(",", -1)) {
                    String s = t.strip().toLowerCase(Locale.ROOT);
                    if (!s.isEmpty()) {
                        out.add(s);
                    }
                }
            }
        }
        return out;
    }

    /** Whether any header {@code name} is present. */
    static boolean has(List<HttpHeader> headers, String name) {
        return first(headers, name) != null;
    }
}
