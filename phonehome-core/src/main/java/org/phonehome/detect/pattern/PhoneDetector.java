package org.phonehome.detect.pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber.CountryCodeSource;
import java.util.List;

/**
 * Phone number: a number libphonenumber finds with {@link Leniency#VALID} (valid for its region, not touching
 * letters), that is either written internationally ({@code +} or the region's IDD prefix such as {@code 00}) or
 * sent under a phone key ({@code phone}, {@code tel}, {@code mobile}, {@code msisdn}, {@code number},
 * {@code sender}, {@code addr}) in the part name or the key window, in which case it is read as a number of the
 * configured region. Skipped: numbers of {@link #MAX_DIGITS} or more digits (IMEI/IMSI land), numbers touching
 * another digit or a decimal point, parts that are binary or longer than {@link PatternLimits#MAX_PHONE_TEXT_BYTES},
 * and parts with neither a {@code +digit}/{@code 00} nor a key word anywhere (libphonenumber is costly; without
 * either, nothing it finds could be reported).
 */
final class PhoneDetector implements Detector {
    static final String IDENTIFIER = "phone";
    static final String CATEGORY = "subscriber_id";
    /** 15: E.164 allows at most 15 digits, and 15-digit runs are IMEIs and IMSIs. */
    static final int MAX_DIGITS = 15;
    /** libphonenumber's region for "none": only numbers with a country code are found. */
    static final String NO_REGION = "ZZ";
    static final Keywords KEYS = new Keywords(
            List.of("phone", "mobile", "msisdn", "number", "sender", "address"), List.of("tel", "addr"));
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private final String region;

    /** {@code region}: ISO code for numbers without a country code, or null to find international ones only. */
    PhoneDetector(String region) {
        this.region = region;
    }

    @Override
    public void scan(Part part, Hits hits) {
        if (part.length() > PatternLimits.MAX_PHONE_TEXT_BYTES || isBinary(part)) {
            return;
        }
        String text = asText(part);
        boolean named = KEYS.in(part.name()) != null;
        if (!named && !mayHoldInternational(text) && KEYS.in(text) == null) {
            return;
        }
        Iterable<PhoneNumberMatch> matches = UTIL.findNumbers(text, region == null ? NO_REGION : region,
                Leniency.VALID, PatternLimits.MAX_PHONE_TRIES);
        for (PhoneNumberMatch m : matches) {
            if (hits.full()) {
                return;
            }
            int start = m.start();
            int end = m.end();
            if (digitCount(m.rawString()) >= MAX_DIGITS || touchesNumber(part, start, end)) {
                continue;
            }
            String reason = reason(m.rawString(), part, start);
            if (reason != null) {
                hits.add(IDENTIFIER, CATEGORY, start, end - start, m.rawString(), reason);
            }
        }
    }

    /** Why the number counts, or null when it has neither a country code nor a phone key. */
    private String reason(String raw, Part part, int start) {
        PhoneNumber number = parseKeepingSource(raw);
        if (number == null) {
            return null;
        }
        CountryCodeSource source = number.getCountryCodeSource();
        if (source == CountryCodeSource.FROM_NUMBER_WITH_PLUS_SIGN || source == CountryCodeSource.FROM_NUMBER_WITH_IDD) {
            return "intl +" + number.getCountryCode();
        }
        String key = KEYS.around(part, start);
        return key == null || region == null ? null : "key " + key + ", region " + region;
    }

    /** {@code raw} parsed again keeping how its country code was written ({@code findNumbers} drops that). */
    private PhoneNumber parseKeepingSource(String raw) {
        try {
            return UTIL.parseAndKeepRawInput(raw, region == null ? NO_REGION : region);
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** The part as text with one char per byte: ASCII as is, any other byte as U+FFFD, so char index = offset. */
    static String asText(Part part) {
        char[] chars = new char[part.length()];
        for (int i = 0; i < chars.length; i++) {
            int c = part.at(i);
            chars[i] = c < 0x80 ? (char) c : '\uFFFD';
        }
        return new String(chars);
    }

    /** True when more than 1 byte in 50 is a control byte other than tab, CR and LF. */
    static boolean isBinary(Part part) {
        int control = 0;
        for (int i = 0; i < part.length(); i++) {
            int c = part.at(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                control++;
            }
        }
        return control * 50L > (long) part.length() * PatternLimits.BINARY_CONTROL_BYTES_PER_50;
    }

    /**
     * True when a {@code +} is followed by a digit or {@code (}, or (with a region, whose IDD prefix then parses)
     * a {@code 00} not preceded by a digit is followed by one: a possible international number.
     */
    private boolean mayHoldInternational(String text) {
        int n = text.length();
        for (int i = 0; i + 1 < n; i++) {
            char c = text.charAt(i);
            char next = text.charAt(i + 1);
            if (c == '+' && (isDigit(next) || next == '(')) {
                return true;
            }
            if (region != null && c == '0' && next == '0' && (i == 0 || !isDigit(text.charAt(i - 1)))
                    && i + 2 < n && isDigit(text.charAt(i + 2))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean touchesNumber(Part part, int start, int end) {
        boolean before = part.isDigit(start - 1) || part.at(start - 1) == '.' && part.isDigit(start - 2);
        boolean after = part.isDigit(end) || part.at(end) == '.' && part.isDigit(end + 1);
        return before || after;
    }

    private static int digitCount(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (isDigit(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }
}
