package org.phonehome.detect.profile;

import java.util.Locale;
import java.util.Optional;

/** Reads a 48-bit MAC address written with {@code :}, {@code -}, {@code .} or no separators. */
final class MacAddress {
    /** 6 bytes, 12 hex digits: EUI-48, what Wi-Fi and Bluetooth use. */
    static final int HEX_DIGITS = 12;

    private MacAddress() {
    }

    /** The 12 hex digits of the address in lower case, or empty when the text is not a 6-byte MAC. */
    static Optional<String> hexDigits(String text) {
        StringBuilder hex = new StringBuilder(HEX_DIGITS);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.digit(c, 16) >= 0 && c < 128) {
                hex.append(c);
            } else if (c != ':' && c != '-' && c != '.' && c != ' ') {
                return Optional.empty();
            }
        }
        return hex.length() == HEX_DIGITS ? Optional.of(hex.toString().toLowerCase(Locale.ROOT)) : Optional.empty();
    }
}
