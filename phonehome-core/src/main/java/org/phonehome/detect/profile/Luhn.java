package org.phonehome.detect.profile;

/** The Luhn (mod 10) check digit used by IMEIs and ICCIDs (ISO/IEC 7812-1 Annex B). */
public final class Luhn {

    private Luhn() {
    }

    /** True when {@code digits} is non-empty, all ASCII digits, and its last digit is the Luhn check digit of the rest. */
    public static boolean isValid(String digits) {
        if (digits.length() < 2 || !isDigits(digits)) {
            return false;
        }
        int last = digits.length() - 1;
        return checkDigit(digits.substring(0, last)) == digits.charAt(last) - '0';
    }

    /** The check digit to append to {@code payload} (ASCII digits, non-empty). */
    public static int checkDigit(String payload) {
        if (payload.isEmpty() || !isDigits(payload)) {
            throw new IllegalArgumentException("Luhn payload must be ASCII digits: '" + payload + "'");
        }
        int sum = 0;
        boolean twice = true; // the digit next to the check digit is doubled
        for (int i = payload.length() - 1; i >= 0; i--) {
            int d = payload.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return (10 - sum % 10) % 10;
    }

    /** True when {@code s} is non-empty and only ASCII digits. */
    static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
