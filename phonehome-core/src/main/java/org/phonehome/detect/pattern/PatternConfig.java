package org.phonehome.detect.pattern;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a {@link PatternDetector} looks for.
 *
 * @param defaultRegion the ISO 3166 alpha-2 region that phone numbers written without a country code belong to
 *                      (e.g. the region of the device's own number), upper case; null when unknown, and then only
 *                      numbers with a {@code +}/IDD country code are found
 * @param enabled       the detectors to run
 */
public record PatternConfig(String defaultRegion, Set<PatternKind> enabled) {

    /** Normalises the region to upper case and checks that libphonenumber knows it. */
    public PatternConfig {
        if (defaultRegion != null) {
            defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
            if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(defaultRegion)) {
                throw new IllegalArgumentException("unknown phone region: '" + defaultRegion + "'");
            }
        }
        enabled = enabled.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(enabled));
    }

    /** Every detector, with phone numbers without country code read as numbers of {@code defaultRegion}. */
    public static PatternConfig all(String defaultRegion) {
        return new PatternConfig(defaultRegion, EnumSet.allOf(PatternKind.class));
    }
}
