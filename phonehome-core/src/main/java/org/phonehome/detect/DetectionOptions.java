package org.phonehome.detect;

/**
 * How detection reports what it finds.
 *
 * @param reveal      show identifiers unmasked in evidence
 * @param maxFindings findings kept in the report; more are counted ({@code findings_dropped}), not listed
 * @param patterns    also run the generic validators (IMEI with Luhn, IMSI with a known MCC, e-mail, phone, ...)
 *                    for identifiers the profile does not name; without a profile they always run
 */
public record DetectionOptions(boolean reveal, int maxFindings, boolean patterns) {
    /** A busy day's capture has a few thousand findings; 100,000 keeps the report readable and memory bounded. */
    public static final int DEFAULT_MAX_FINDINGS = 100_000;

    /** Masked evidence, the default bound. */
    public static DetectionOptions defaults() {
        return new DetectionOptions(false, DEFAULT_MAX_FINDINGS, false);
    }
}
