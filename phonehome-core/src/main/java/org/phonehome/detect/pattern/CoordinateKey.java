package org.phonehome.detect.pattern;

/** The coordinate a key names: {@code lat}/{@code latitude} or {@code lon}/{@code lng}/{@code longitude}. */
enum CoordinateKey {
    LAT("latitude", "lat"),
    LON("longitude", "lon", "lng");

    /** 32: longer keys are not field names. */
    static final int MAX_KEY = 32;
    private final String[] names;

    CoordinateKey(String... names) {
        this.names = names;
    }

    /**
     * The coordinate named by the key just before a value at {@code start}: {@code key": }, {@code key=},
     * {@code key>} (optional quotes and spaces), where the key ends in one of the names as a word.
     */
    static CoordinateKey before(Part part, int start) {
        int p = start - 1;
        p = skip(part, p);
        int assign = part.at(p);
        if (assign != ':' && assign != '=' && assign != '>') {
            return null;
        }
        p = skip(part, p - 1);
        int keyEnd = p + 1;
        while (p >= 0 && keyEnd - p <= MAX_KEY && isKeyChar(part.at(p))) {
            p--;
        }
        String key = part.text(p + 1, keyEnd);
        return key.isEmpty() ? null : of(key);
    }

    /** The coordinate a key names, by its last word, or null. */
    static CoordinateKey of(String key) {
        String lower = Ascii.lower(key);
        for (CoordinateKey k : values()) {
            for (String name : k.names) {
                int at = lower.length() - name.length();
                if (at >= 0 && lower.endsWith(name) && Ascii.isWordAt(key, at, name.length())) {
                    return k;
                }
            }
        }
        return null;
    }

    private static int skip(Part part, int p) {
        while (part.at(p) == ' ' || part.at(p) == '"' || part.at(p) == '\'') {
            p--;
        }
        return p;
    }

    private static boolean isKeyChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
                || c == '.';
    }
}
