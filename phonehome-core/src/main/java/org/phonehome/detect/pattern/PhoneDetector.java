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
 * configured region. Skipped: numbers of {@link #MAX_DIGITS} or more digits (IMEI/IMSI land), numbers that continue
 * a token (a digit, or {@code .}/{@code -} and a letter or digit, touches them), and parts that are binary or longer than
 * {@link PatternLimits#MAX_PHONE_TEXT_BYTES}. libphonenumber reads only the {@link PhoneWindows} where a
 * reportable number can be (the whole part when its name is a phone key).
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
        List<int[]> windows = KEYS.in(part.name()) != null
                ? List.<int[]>of(new int[] {0, part.length()})
                : PhoneWindows.find(part, KEYS, region != null);
        for (int[] window : windows) {
            if (hits.full()) {
                return;
            }
            scanWindow(part, window[0], window[1], hits);
        }
    }

    private void scanWindow(Part part, int from, int to, Hits hits) {
        Iterable<PhoneNumberMatch> matches = UTIL.findNumbers(asText(part, from, to),
                region == null ? NO_REGION : region, Leniency.VALID, PatternLimits.MAX_PHONE_TRIES);
        for (PhoneNumberMatch m : matches) {
            int start = from + m.start();
            int end = from + m.end();
            if (digitCount(m.rawString()) >= MAX_DIGITS || touchesNumber(part, start, end)) {
                continue;
            }
            String reason = reason(m.rawString(), part, start);
            if (reason != null && !hits.add(IDENTIFIER, CATEGORY, start, end - start, m.rawString(), reason)
                    && hits.full()) {
                return;
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

    /**
     * Bytes {@code [from, to)} as text with one char per byte: ASCII as is, any other byte as U+FFFD, so char
     * indices map to byte offsets. Numbers written with non-ASCII digits are not found (rare in machine traffic).
     */
    static String asText(Part part, int from, int to) {
        char[] chars = new char[to - from];
        for (int i = 0; i < chars.length; i++) {
            int c = part.at(from + i);
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

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * True when the match continues a token: a digit touches it, or a {@code .} or {@code -} with a letter or digit
     * beyond (a decimal, or a group of a UUID such as {@code 4a9320d3-0045-4839-8286-ab75...}).
     */
    static boolean touchesNumber(Part part, int start, int end) {
        boolean before = part.isDigit(start - 1) || isJoiner(part.at(start - 1)) && part.isAlnum(start - 2);
        boolean after = part.isDigit(end) || isJoiner(part.at(end)) && part.isAlnum(end + 1);
        return before || after;
    }

    private static boolean isJoiner(int c) {
        return c == '.' || c == '-';
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
