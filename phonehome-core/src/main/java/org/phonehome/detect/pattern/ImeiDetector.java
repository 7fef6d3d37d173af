package org.phonehome.detect.pattern;

/** IMEI: 15 digits standing alone, with an allocated reporting body and a valid Luhn check digit. No key needed. */
final class ImeiDetector implements Detector {
    static final String IDENTIFIER = "imei";
    static final String CATEGORY = "device_id";

    @Override
    public void scan(Part part, Hits hits) {
        if (!part.hasLongDigitRun()) {
            return;
        }
        Digits.forEachRun(part, Imei.LENGTH, Imei.LENGTH, hits, (start, end) -> {
            String digits = part.text(start, end);
            if (Imei.isPlausible(digits)) {
                hits.add(IDENTIFIER, CATEGORY, start, end - start, digits, "luhn+tac");
            }
        });
    }
}
