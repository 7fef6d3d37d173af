package org.phonehome.detect.profile;

import java.math.BigDecimal;

/**
 * A planted location. Decimal (not double) so that rounding to 3-5 places is exact.
 *
 * @param lat latitude in degrees, -90..90
 * @param lon longitude in degrees, -180..180
 */
public record Location(BigDecimal lat, BigDecimal lon) {
}
