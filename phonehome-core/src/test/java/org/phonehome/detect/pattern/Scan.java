package org.phonehome.detect.pattern;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test helper: scans text with every detector on. */
final class Scan {
    private Scan() {
    }

    static List<PatternHit> all(String text, String partName, String region) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new PatternDetector(PatternConfig.all(region)).scan(bytes, 0, bytes.length, partName);
    }

    /** The values of the hits of {@code identifier}. */
    static List<String> values(String text, String partName, String region, String identifier) {
        return all(text, partName, region).stream().filter(h -> h.identifier().equals(identifier))
                .map(PatternHit::value).toList();
    }
}
