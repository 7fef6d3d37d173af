package org.phonehome.detect.pattern;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Set;
import org.phonehome.detect.profile.Luhn;

/**
 * ICCID: 19 or 20 digits standing alone, starting with the telecom industry identifier 89 followed by an E.164
 * country calling code (ITU-T E.118), with a valid Luhn check digit. No key needed: 89 + calling code + Luhn
 * leaves about one random 19-20 digit number in 150.
 */
final class IccidDetector implements Detector {
    static final String IDENTIFIER = "iccid";
    static final String CATEGORY = "subscriber_id";
    static final int MIN_LENGTH = 19;
    static final int MAX_LENGTH = 20;
    private static final Set<Integer> CALLING_CODES = PhoneNumberUtil.getInstance().getSupportedCallingCodes();

    @Override
    public void scan(Part part, Hits hits) {
        if (!part.hasLongDigitRun()) {
            return;
        }
        Digits.forEachRun(part, MIN_LENGTH, MAX_LENGTH, hits, (start, end) -> {
            String digits = part.text(start, end);
            String cc = callingCode(digits);
            if (cc != null && Luhn.isValid(digits)) {
                hits.add(IDENTIFIER, CATEGORY, start, end - start, digits, "luhn+89 cc " + cc);
            }
        });
    }

    /**
     * The calling code after the leading 89 (1 to 3 digits, the shortest assigned one; a 1-digit code may be
     * padded with a 0, as in the US {@code 8901} and Russian {@code 8907}), or null.
     */
    static String callingCode(String digits) {
        if (!digits.startsWith("89")) {
            return null;
        }
        int from = digits.charAt(2) == '0' ? 3 : 2;
        int maxLength = from == 3 ? 1 : 3;
        for (int n = 1; n <= maxLength; n++) {
            String cc = digits.substring(from, from + n);
            if (cc.charAt(0) != '0' && CALLING_CODES.contains(Integer.parseInt(cc))) {
                return cc;
            }
        }
        return null;
    }
}
