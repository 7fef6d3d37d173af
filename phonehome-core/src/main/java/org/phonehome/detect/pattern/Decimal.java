package org.phonehome.detect.pattern;

/**
 * A decimal number written as a coordinate is: optional {@code -}, 1-3 integer digits, {@code .}, fraction digits;
 * standing alone (no letter, digit or dot touching it, so not a version {@code 1.2.3}, a timestamp or part of a
 * hex id).
 *
 * @param start          its first byte (the sign, if any)
 * @param end            just past its last digit
 * @param value          its value
 * @param fractionDigits how many digits follow the dot
 * @param integral       true when every fraction digit is 0
 */
record Decimal(int start, int end, double value, int fractionDigits, boolean integral) {
    /** 3: a coordinate has at most three integer digits (longitude 180). */
    static final int MAX_INTEGER_DIGITS = 3;
    /** 15: more fraction digits than a double holds are not a written coordinate. */
    static final int MAX_FRACTION_DIGITS = 15;

    /** The decimal starting at {@code i} (a digit or {@code -}), or null. */
    static Decimal at(Part part, int i) {
        if (part.isAlnum(i - 1) || part.at(i - 1) == '.' || part.at(i - 1) == '-') {
            return null;
        }
        int p = part.at(i) == '-' ? i + 1 : i;
        int intStart = p;
        while (part.isDigit(p)) {
            p++;
        }
        int intDigits = p - intStart;
        if (intDigits < 1 || intDigits > MAX_INTEGER_DIGITS || part.at(p) != '.') {
            return null;
        }
        int fracStart = ++p;
        boolean integral = true;
        while (part.isDigit(p)) {
            integral &= part.at(p) == '0';
            p++;
        }
        int fractionDigits = p - fracStart;
        if (fractionDigits < 1 || fractionDigits > MAX_FRACTION_DIGITS || part.isAlnum(p) || part.at(p) == '.') {
            return null;
        }
        return new Decimal(i, p, Double.parseDouble(part.text(i, p)), fractionDigits, integral);
    }
}
