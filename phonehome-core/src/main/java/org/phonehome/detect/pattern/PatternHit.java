package org.phonehome.detect.pattern;

/**
 * One identifier found by a pattern detector in one part.
 *
 * @param identifier the identifier kind from the report's vocabulary ({@code imei}, {@code imsi}, {@code iccid},
 *                   {@code email}, {@code phone}, {@code location}, {@code wifi_mac}, {@code bt_mac},
 *                   {@code advertising_id})
 * @param category   the kind of data ({@code device_id}, {@code subscriber_id}, {@code account}, {@code location})
 * @param offset     where the match starts, counted from the first byte of the scanned range (the {@code off}
 *                   given to {@link PatternDetector#scan})
 * @param length     its length in bytes
 * @param value      the matched bytes as text (ASCII; a location is both numbers and what lies between them)
 * @param reason     why the detector believes it, short: {@code luhn+tac}, {@code mcc 460, key imsi}, ...
 */
public record PatternHit(String identifier, String category, int offset, int length, String value,
                         String reason) {

    /** The offset just past the match. */
    public int end() {
        return offset + length;
    }

    /** True when the two hits share at least one byte. */
    boolean overlaps(PatternHit other) {
        return offset < other.end() && other.offset < end();
    }
}
