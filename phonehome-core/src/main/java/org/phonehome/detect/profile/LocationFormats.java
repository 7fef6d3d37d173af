package org.phonehome.detect.profile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The forms of a location: "lat,lon" pairs at 3, 4 and 5 decimals (about 110 m, 11 m and 1 m: the precisions that
 * still identify a place), rounded and truncated, separated by {@code ,}, {@code , } and {@code ;}. A single
 * coordinate is never a form: "22.543" alone is too common to mean anything.
 */
final class LocationFormats {
    private static final int[] DECIMALS = {3, 4, 5};
    private static final String[][] SEPARATORS = {{"comma", ","}, {"comma-space", ", "}, {"semicolon", ";"}};

    private LocationFormats() {
    }

    /** Named {@code <d>-decimals-<rounded|truncated>-<separator>}, then the pair as given. */
    static List<ValueFormat> of(Location location) {
        List<ValueFormat> formats = new ArrayList<>();
        for (int decimals : DECIMALS) {
            addPairs(formats, decimals + "-decimals-rounded", location, decimals, RoundingMode.HALF_UP);
            addPairs(formats, decimals + "-decimals-truncated", location, decimals, RoundingMode.DOWN);
        }
        for (String[] separator : SEPARATORS) {
            formats.add(new ValueFormat(ValueFormat.AS_GIVEN + "-" + separator[0],
                    location.lat().toPlainString() + separator[1] + location.lon().toPlainString(), true));
        }
        return formats;
    }

    private static void addPairs(List<ValueFormat> formats, String name, Location location, int decimals,
                                 RoundingMode mode) {
        String lat = scaled(location.lat(), decimals, mode);
        String lon = scaled(location.lon(), decimals, mode);
        for (String[] separator : SEPARATORS) {
            formats.add(new ValueFormat(name + "-" + separator[0], lat + separator[1] + lon, true));
        }
    }

    private static String scaled(BigDecimal value, int decimals, RoundingMode mode) {
        return value.setScale(decimals, mode).toPlainString();
    }
}
