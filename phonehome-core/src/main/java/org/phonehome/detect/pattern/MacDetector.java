package org.phonehome.detect.pattern;

import java.util.List;

/**
 * MAC address (EUI-48): six hex octets separated by {@code :} or by {@code -} (the same one throughout), standing
 * alone (no letter, digit or separator-and-hex around it, so not part of an IPv6 address or a longer list), unicast
 * (the lowest bit of the first octet clear: multicast and broadcast are group addresses, not a device), not all
 * octets the same ({@code 00:00:...}, {@code 11:11:...} are placeholders), and not {@code 02:00:00:00:00:00}, the
 * fixed value Android 6+ returns to apps without the permission. No key needed: separated octets are rare in random
 * data. The bare 12-hex-digit form is not searched: it is indistinguishable from any hex id.
 *
 * <p>Reported as {@code bt_mac} under a Bluetooth key ({@code bt}, {@code bluetooth}), else as {@code wifi_mac}.
 */
final class MacDetector implements Detector {
    static final String WIFI = "wifi_mac";
    static final String BLUETOOTH = "bt_mac";
    static final String CATEGORY = "device_id";
    /** 6 octets of 2 hex digits and 5 separators. */
    static final int LENGTH = 17;
    static final Keywords KEYS = new Keywords(List.of("bssid", "wifi", "wlan", "bluetooth"), List.of("mac", "bt"));
    private static final String ANDROID_PLACEHOLDER = "020000000000";

    @Override
    public void scan(Part part, Hits hits) {
        int last = part.length() - LENGTH;
        // Whether the hits are full is asked at a candidate only: it changes only when a hit is added, and asking
        // at every byte was a tenth of the scan of a long raw stream.
        for (int i = 0; i <= last; i++) {
            int sep = part.at(i + 2);
            if (sep != ':' && sep != '-' || !isMac(part, i, sep)) {
                continue;
            }
            if (hits.full()) {
                break;
            }
            String value = part.text(i, i + LENGTH);
            String octets = Ascii.lower(value.replace(String.valueOf((char) sep), ""));
            if (isReportable(octets)) {
                String key = KEYS.around(part, i);
                boolean bluetooth = "bt".equals(key) || "bluetooth".equals(key);
                hits.add(bluetooth ? BLUETOOTH : WIFI, CATEGORY, i, LENGTH, value,
                        key == null ? "unicast" : "unicast, key " + key);
            }
            i += LENGTH - 1;
        }
    }

    /** True when six hex octets separated by {@code sep} start at {@code i}, with nothing that continues them. */
    static boolean isMac(Part part, int i, int sep) {
        int end = i + LENGTH;
        if (part.isAlnum(i - 1) || part.isAlnum(end)
                || part.at(i - 1) == sep && part.isHex(i - 2) || part.at(end) == sep && part.isHex(end + 1)) {
            return false;
        }
        for (int k = 0; k < LENGTH; k++) {
            boolean ok = k % 3 == 2 ? part.at(i + k) == sep : part.isHex(i + k);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** True for a unicast address that is not a placeholder; {@code octets} is 12 lower-case hex digits. */
    static boolean isReportable(String octets) {
        boolean unicast = (Character.digit(octets.charAt(1), 16) & 1) == 0;
        boolean repeated = octets.equals(octets.substring(0, 2).repeat(6));
        return unicast && !repeated && !octets.equals(ANDROID_PLACEHOLDER);
    }
}
