package org.phonehome.detect.pattern;

/**
 * Location: a latitude and a longitude, reported once as one hit spanning both, in one of two forms.
 * <ul>
 *   <li>Pair: {@code lat,lon} with {@code ,}, {@code , }, {@code ;} or {@code ; } between, both with at least
 *       {@link #PAIR_MIN_FRACTION} fraction digits, and not inside a longer list of numbers (an array of floats is
 *       data, not a position).</li>
 *   <li>Keys: a decimal under a latitude key ({@code lat}, {@code latitude}, {@code userLat}, {@code gps_lat}) and
 *       one under a longitude key ({@code lon}, {@code lng}, {@code longitude}) within
 *       {@link PatternLimits#LOCATION_KEY_WINDOW} bytes, either order, each with at least
 *       {@link #KEY_MIN_FRACTION} fraction digits; the key is followed by {@code :}, {@code =} or {@code >}.</li>
 * </ul>
 * Both forms: latitude in [-90, 90], longitude in [-180, 180]; rejected when both are whole numbers
 * ({@code 22.000}) or both are within 1 degree of 0 (null island: placeholders and pairs of ratios).
 */
final class LocationDetector implements Detector {
    static final String IDENTIFIER = "location";
    static final String CATEGORY = "location";
    /** 3 fraction digits (~110 m) without a key: fewer are too common in ordinary numbers. */
    static final int PAIR_MIN_FRACTION = 3;
    /** 2 fraction digits (~1 km) under lat/lon keys: still a position, and the keys say what it is. */
    static final int KEY_MIN_FRACTION = 2;
    static final double MAX_LAT = 90;
    static final double MAX_LON = 180;
    /** 1 degree: both coordinates closer to 0 than this is null island, not a phone's position. */
    static final double NULL_ISLAND = 1;

    @Override
    public void scan(Part part, Hits hits) {
        Decimal keyed = null;
        CoordinateKey keyedRole = null;
        int n = part.length();
        for (int i = 0; i < n; i++) {
            int c = part.at(i);
            if (c != '-' && (c < '0' || c > '9')) {
                continue;
            }
            if (hits.full()) {
                break; // asked at a candidate only, as in MacDetector
            }
            Decimal d = Decimal.at(part, i);
            if (d == null) {
                continue;
            }
            Decimal second = pairedAfter(part, d);
            if (second != null) {
                report(part, hits, d, second, "lat,lon pair");
                keyed = null;
                i = second.end() - 1;
                continue;
            }
            CoordinateKey role = CoordinateKey.before(part, d.start());
            if (role != null && d.fractionDigits() >= KEY_MIN_FRACTION) {
                if (keyed != null && role != keyedRole && d.start() - keyed.end() <= PatternLimits.LOCATION_KEY_WINDOW) {
                    Decimal lat = role == CoordinateKey.LAT ? d : keyed;
                    Decimal lon = role == CoordinateKey.LAT ? keyed : d;
                    if (plausible(lat, lon)) {
                        hits.add(IDENTIFIER, CATEGORY, keyed.start(), d.end() - keyed.start(),
                                part.text(keyed.start(), d.end()), "lat/lon keys");
                        keyed = null;
                        i = d.end() - 1;
                        continue;
                    }
                }
                keyed = d;
                keyedRole = role;
            }
            i = d.end() - 1;
        }
    }

    /** The longitude of a {@code lat,lon} pair starting with {@code lat}, or null. */
    private static Decimal pairedAfter(Part part, Decimal lat) {
        if (lat.fractionDigits() < PAIR_MIN_FRACTION || inList(part, lat.start() - 1, -1)) {
            return null;
        }
        int p = lat.end();
        int sep = part.at(p);
        if (sep != ',' && sep != ';') {
            return null;
        }
        p += part.at(p + 1) == ' ' ? 2 : 1;
        Decimal lon = Decimal.at(part, p);
        if (lon == null || lon.fractionDigits() < PAIR_MIN_FRACTION || inList(part, lon.end(), 1)
                || !plausible(lat, lon)) {
            return null;
        }
        return lon;
    }

    /** True when a list separator at {@code i} (an optional space, then {@code ,} or {@code ;}) leads on to a number. */
    private static boolean inList(Part part, int i, int step) {
        int p = i;
        if (part.at(p) == ' ') {
            p += step;
        }
        if (part.at(p) != ',' && part.at(p) != ';') {
            return false;
        }
        p += step;
        if (part.at(p) == ' ') {
            p += step;
        }
        return part.isDigit(p) || step > 0 && part.at(p) == '-';
    }

    static boolean plausible(Decimal lat, Decimal lon) {
        boolean inRange = Math.abs(lat.value()) <= MAX_LAT && Math.abs(lon.value()) <= MAX_LON;
        boolean whole = lat.integral() && lon.integral();
        boolean nullIsland = Math.abs(lat.value()) < NULL_ISLAND && Math.abs(lon.value()) < NULL_ISLAND;
        return inRange && !whole && !nullIsland;
    }

    private static void report(Part part, Hits hits, Decimal lat, Decimal lon, String reason) {
        hits.add(IDENTIFIER, CATEGORY, lat.start(), lon.end() - lat.start(), part.text(lat.start(), lon.end()), reason);
    }
}
