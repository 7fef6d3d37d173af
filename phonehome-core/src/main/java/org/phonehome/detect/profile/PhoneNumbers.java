package org.phonehome.detect.profile;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;

/** Parses the profile's phone numbers with libphonenumber. */
final class PhoneNumbers {
    /** libphonenumber's "unknown region": only numbers with a {@code +} country code parse with it. */
    static final String UNKNOWN_REGION = "ZZ";
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /** The parse of {@code text}: the number, or why there is none (exactly one of the two is null). */
    record Parsed(PhoneNumber number, String problem) {
    }

    /**
     * Parses {@code text}; a number without {@code +} needs {@code region} (may be null).
     * The number must be a possible number (right length for its country) to count as parsed.
     */
    static Parsed parse(String text, String region) {
        boolean international = text.strip().startsWith("+");
        if (!international && region == null) {
            return new Parsed(null, "has no +country code and the profile gives no device.region");
        }
        try {
            PhoneNumber number = UTIL.parse(text, region == null ? UNKNOWN_REGION : region);
            if (!UTIL.isPossibleNumber(number)) {
                return new Parsed(null, "is not a possible number (" + UTIL.isPossibleNumberWithReason(number)
                        .name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
            }
            return new Parsed(number, null);
        } catch (NumberParseException e) {
            return new Parsed(null, "cannot be parsed: " + e.getMessage());
        }
    }

    /** True when libphonenumber knows {@code region} (an ISO 3166 alpha-2 code, upper case). */
    static boolean isKnownRegion(String region) {
        return UTIL.getSupportedRegions().contains(region);
    }

    static PhoneNumberUtil util() {
        return UTIL;
    }
}
