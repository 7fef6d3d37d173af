package org.phonehome.detect.pattern;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds identifiers the device profile does not name, by shape and validator, in one decoded message part.
 * Constructed once per configuration; {@link #scan} is a pure function of its arguments and safe to call from
 * many threads.
 *
 * <p>Limits ({@link PatternLimits}): at most {@value PatternLimits#MAX_HITS_PER_PART} hits per part, at most
 * {@value PatternLimits#MAX_EMAILS_PER_PART} e-mail addresses per part, and phone numbers are not searched in
 * parts over {@value PatternLimits#MAX_PHONE_TEXT_BYTES} bytes or in binary parts. Hitting a limit is silent here:
 * the caller sees a full list and counts it.
 */
public final class PatternDetector {
    private final PatternConfig config;
    private final List<Detector> detectors;

    public PatternDetector(PatternConfig config) {
        this.config = config;
        List<Detector> list = new ArrayList<>();
        for (PatternKind kind : PatternKind.values()) {
            if (config.enabled().contains(kind)) {
                list.add(kind.create(config));
            }
        }
        this.detectors = List.copyOf(list);
    }

    public PatternConfig config() {
        return config;
    }

    /**
     * The identifiers in {@code value[off, off+len)}, by offset (relative to {@code off}); overlapping candidates
     * are resolved in {@link PatternKind} order. {@code partName} (query parameter, header, cookie, JSON key path,
     * form field; may be null) is context for the detectors that need a key. Never throws: bad bounds give an
     * empty list, and a detector failure keeps what was found before it.
     */
    public List<PatternHit> scan(byte[] value, int off, int len, String partName) {
        if (value == null || off < 0 || len <= 0 || len > value.length - off) {
            return List.of();
        }
        Part part = new Part(value, off, len, partName);
        Hits hits = new Hits(PatternLimits.MAX_HITS_PER_PART);
        // Indexed: the client compiler would make an iterator for every part.
        for (int i = 0; i < detectors.size() && !hits.full(); i++) {
            try {
                detectors.get(i).scan(part, hits);
            } catch (RuntimeException | StackOverflowError e) {
                // last resort: a validator bug must not end the audit; the hits found so far stand
            }
        }
        return hits.sorted();
    }
}
