package org.phonehome.detect.pattern;

import java.util.List;

/**
 * Advertising ID (Google GAID/AAID, Apple IDFA, Huawei OAID): a version 4 UUID (RFC 9562: version nibble 4, variant
 * 8/9/a/b), all lower or all upper case, standing alone, and sent under an advertising-id key in the part name or
 * the key window. Request ids and nonces are v4 UUIDs too, so without the key nothing is reported.
 */
final class AdvertisingIdDetector implements Detector {
    static final String IDENTIFIER = "advertising_id";
    static final String CATEGORY = "device_id";
    static final Keywords KEYS = new Keywords(
            List.of("gaid", "adid", "aaid", "idfa", "advertising", "ad_id", "oaid"), List.of());
    /** 8-4-4-4-12 hex digits with dashes. */
    static final int LENGTH = 36;
    private static final int[] DASHES = {8, 13, 18, 23};
    private static final int VERSION = 14;
    private static final int VARIANT = 19;

    @Override
    public void scan(Part part, Hits hits) {
        int last = part.length() - LENGTH;
        for (int i = 0; i <= last; i++) {
            if (part.at(i + DASHES[0]) != '-' || !isV4Uuid(part, i)) {
                continue;
            }
            if (hits.full()) {
                break; // asked at a candidate only, as in MacDetector
            }
            String key = KEYS.around(part, i);
            if (key != null) {
                hits.add(IDENTIFIER, CATEGORY, i, LENGTH, part.text(i, i + LENGTH), "uuid v4, key " + key);
            }
            i += LENGTH - 1;
        }
    }

    /** True when a version 4 UUID in one case starts at {@code i} and no letter, digit or dash touches it. */
    static boolean isV4Uuid(Part part, int i) {
        int end = i + LENGTH;
        if (part.isAlnum(i - 1) || part.at(i - 1) == '-' || part.isAlnum(end) || part.at(end) == '-') {
            return false;
        }
        boolean lower = false;
        boolean upper = false;
        int dash = 0;
        for (int k = 0; k < LENGTH; k++) {
            int c = part.at(i + k);
            if (dash < DASHES.length && k == DASHES[dash]) {
                if (c != '-') {
                    return false;
                }
                dash++;
            } else if (!part.isHex(i + k)) {
                return false;
            } else {
                lower |= c >= 'a';
                upper |= c >= 'A' && c <= 'F';
            }
        }
        int variant = part.at(i + VARIANT) | 0x20;
        return !(lower && upper) && part.at(i + VERSION) == '4'
                && (variant == '8' || variant == '9' || variant == 'a' || variant == 'b');
    }
}
