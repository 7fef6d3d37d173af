package org.phonehome.detect.pattern;

import java.util.List;
import org.phonehome.detect.profile.Mcc;

/**
 * IMSI: 15 digits standing alone, starting with an assigned MCC, not one repeated digit, and sent under a key
 * that says so ({@code imsi}, {@code subscriber}) in the part name or the key window. Without the key, any
 * 15-digit number with one of ~240 MCCs would pass, which is most of them.
 */
final class ImsiDetector implements Detector {
    static final String IDENTIFIER = "imsi";
    static final String CATEGORY = "subscriber_id";
    /** 15: MCC (3) + MNC (2-3) + MSIN; shorter IMSIs exist but are rare and collide with every other id. */
    static final int LENGTH = 15;
    static final Keywords KEYS = new Keywords(List.of("imsi", "subscriber"), List.of());

    @Override
    public void scan(Part part, Hits hits) {
        if (!part.hasLongDigitRun()) {
            return;
        }
        Digits.forEachRun(part, LENGTH, LENGTH, hits, (start, end) -> {
            String digits = part.text(start, end);
            if (!Mcc.imsiHasKnownMcc(digits) || Digits.allSame(digits)) {
                return;
            }
            String key = KEYS.around(part, start);
            if (key != null) {
                hits.add(IDENTIFIER, CATEGORY, start, end - start, digits,
                        "mcc " + digits.substring(0, 3) + ", key " + key);
            }
        });
    }
}
