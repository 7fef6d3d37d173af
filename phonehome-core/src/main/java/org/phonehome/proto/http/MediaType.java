package org.phonehome.proto.http;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A parsed Content-Type: {@code type/subtype; name=value; name="quoted"}. A pure function of the header value.
 *
 * @param type       {@code type/subtype}, lower case ("" when absent)
 * @param parameters parameter names lower case, values unquoted
 */
record MediaType(String type, Map<String, String> parameters) {

    static final MediaType NONE = new MediaType("", Map.of());

    static MediaType parse(String value) {
        if (value == null) {
            return NONE;
        }
        int semi = value.indexOf(';');
        String type = (semi < 0 ? value : value.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        Map<String, String> params = new TreeMap<>();
        int i = semi;
        while (i >= 0 && i < value.length()) {
            i = parameter(value, i + 1, params);
        }
        return new MediaType(type, params);
    }

    /** Reads one parameter starting at {@code i}; returns the index of the next ';' or -1. */
    private static int parameter(String v, int i, Map<String, String> params) {
        int eq = v.indexOf('=', i);
        int semi = v.indexOf(';', i);
        if (eq < 0 || (semi >= 0 && semi < eq)) {
            return semi;
        }
        String name = v.substring(i, eq).strip().toLowerCase(Locale.ROOT);
        int j = eq + 1;
        while (j < v.length() && v.charAt(j) == ' ') {
            j++;
        }
        StringBuilder value = new StringBuilder();
        if (j < v.length() && v.charAt(j) == '"') {
            j++;
            while (j < v.length() && v.charAt(j) != '"') {
                if (v.charAt(j) == '\\' && j + 1 < v.length()) {
                    j++;
                }
                value.append(v.charAt(j++));
            }
            semi = v.indexOf(';', Math.min(j, v.length()));
        } else {
            int end = semi < 0 ? v.length() : semi;
            value.append(v, j, end);
        }
        params.putIfAbsent(name, value.toString().strip());
        return semi;
    }

    boolean isJson() {
        return type.equals("application/json") || type.endsWith("+json") || type.equals("text/json");
    }

    boolean isForm() {
        return type.equals("application/x-www-form-urlencoded");
    }

    boolean isMultipart() {
        return type.startsWith("multipart/");
    }
}
