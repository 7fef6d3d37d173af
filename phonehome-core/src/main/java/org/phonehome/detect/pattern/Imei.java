package org.phonehome.detect.pattern;

import java.util.Set;
import org.phonehome.detect.profile.Luhn;

/** Validates a 15-digit IMEI (3GPP TS 23.003 clause 6.2: TAC of 8 digits, serial of 6, Luhn check digit). */
final class Imei {
    static final int LENGTH = 15;

    /**
     * Reporting Body Identifiers, the first two digits of a TAC, from GSMA TS.06 (IMEI Allocation and Approval
     * Process, v25.0, May 2024) Appendix A: those allocating now (01 CTIA/PTCRB, 35 BABT, 86 TAF, 98, 99 GHA) and
     * those that no longer allocate but whose IMEIs are still in use (10 DECT, 30 Iridium, 33 DGPT, 44 BABT,
     * 45 NTA, 49-54 German bodies, 91 MSAI). The test ranges 00 and 02-09 are left out: test IMEIs are lab
     * equipment, and random numbers start with 0 as often as with anything else.
     */
    private static final Set<String> REPORTING_BODIES = Set.of(
            "01", "10", "30", "33", "35", "44", "45", "49", "50", "51", "52", "53", "54", "86", "91", "98", "99");

    private Imei() {
    }

    /** True when {@code digits} (15 ASCII digits) has an allocated RBI, is not one repeated digit, and passes Luhn. */
    static boolean isPlausible(String digits) {
        return digits.length() == LENGTH
                && REPORTING_BODIES.contains(digits.substring(0, 2))
                && !Digits.allSame(digits)
                && Luhn.isValid(digits);
    }
}
