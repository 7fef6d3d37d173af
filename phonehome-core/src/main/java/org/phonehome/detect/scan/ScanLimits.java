package org.phonehome.detect.scan;

/**
 * Bounds of one part's recursive scan ({@link ContainerScanner}). Hitting one is counted under the anomaly named
 * beside it ({@link ScanAnomalies}); what was found up to the bound is still reported.
 *
 * @param maxDepth        containers opened inside one another, at most ({@code scan_depth_limit})
 * @param maxDecodedBytes bytes produced by all decoders for one part together ({@code scan_decoded_bytes_limit});
 *                        also what bounds the memory of a scan
 * @param maxInflateBytes output of one gzip/zlib stream ({@code scan_inflate_size_limit}); the decoded-bytes
 *                        budget left applies too, so the smaller of the two wins
 * @param maxInflateRatio output per compressed byte read, checked once a stream has produced
 *                        {@link #INFLATE_RATIO_GRACE_BYTES} ({@code scan_inflate_ratio_limit})
 * @param maxRunsPerLevel decodable runs (and inflate attempts) opened in one decoded buffer ({@code scan_runs_limit})
 * @param minBase64Run    shortest base64/base64url run decoded, in characters
 * @param minHexRun       shortest hex run decoded, in characters
 * @param maxHitsPerPart  hits reported for one part ({@code scan_hits_limit})
 * @param contextBytes    bytes kept on each side of a hit as evidence
 */
public record ScanLimits(int maxDepth, int maxDecodedBytes, int maxInflateBytes, int maxInflateRatio,
                         int maxRunsPerLevel, int minBase64Run, int minHexRun, int maxHitsPerPart,
                         int contextBytes) {

    /** 8: base64 in JSON in gzip in base64 in a form is 4; real apps nest 2 or 3; 8 leaves room, bounds the work. */
    public static final int DEFAULT_MAX_DEPTH = 8;
    /** 16 MiB: well above a real upload's decoded size, and what one part may cost in memory. */
    public static final int DEFAULT_MAX_DECODED_BYTES = 16 << 20;
    /** 64 MiB: one compressed stream's output (the decoded-bytes budget normally stops it first). */
    public static final int DEFAULT_MAX_INFLATE_BYTES = 64 << 20;
    /** 100:1: JSON and logs compress 5-20:1; past 100:1 it is filler or a bomb (deflate's maximum is ~1032:1). */
    public static final int DEFAULT_MAX_INFLATE_RATIO = 100;
    /** 256: a request has a handful of encoded blobs; hostile text with thousands of runs costs no more. */
    public static final int DEFAULT_MAX_RUNS_PER_LEVEL = 256;
    /** 16 characters = 12 bytes: shorter base64-looking words are common in text, and too short to hide a value. */
    public static final int DEFAULT_MIN_BASE64_RUN = 16;
    /** 16 characters = 8 bytes: shorter hex runs are numbers and short ids, not containers. */
    public static final int DEFAULT_MIN_HEX_RUN = 16;
    /** 4096: enough to show that a value is sent on every request of a part; more only repeats it. */
    public static final int DEFAULT_MAX_HITS_PER_PART = 4096;
    /** 32: enough context to see the key or field a value was sent under. */
    public static final int DEFAULT_CONTEXT_BYTES = 32;
    /** 1 MiB: below this a stream cannot hurt, so the ratio is not checked (tiny streams have odd ratios). */
    public static final int INFLATE_RATIO_GRACE_BYTES = 1 << 20;

    /** The defaults above. */
    public static final ScanLimits DEFAULT = new ScanLimits(DEFAULT_MAX_DEPTH, DEFAULT_MAX_DECODED_BYTES,
            DEFAULT_MAX_INFLATE_BYTES, DEFAULT_MAX_INFLATE_RATIO, DEFAULT_MAX_RUNS_PER_LEVEL, DEFAULT_MIN_BASE64_RUN,
            DEFAULT_MIN_HEX_RUN, DEFAULT_MAX_HITS_PER_PART, DEFAULT_CONTEXT_BYTES);

    /** Checks that every bound is usable. */
    public ScanLimits {
        if (maxDepth < 0 || maxDecodedBytes < 0 || maxInflateBytes < 0 || maxInflateRatio < 1 || maxRunsPerLevel < 0
                || minBase64Run < 4 || minHexRun < 2 || maxHitsPerPart < 0 || contextBytes < 0) {
            throw new IllegalArgumentException("bad scan limits: " + maxDepth + ", " + maxDecodedBytes + ", "
                    + maxInflateBytes + ", " + maxInflateRatio + ", " + maxRunsPerLevel + ", " + minBase64Run + ", "
                    + minHexRun + ", " + maxHitsPerPart + ", " + contextBytes);
        }
    }

    /** A copy with another maximum depth. */
    public ScanLimits withMaxDepth(int depth) {
        return new ScanLimits(depth, maxDecodedBytes, maxInflateBytes, maxInflateRatio, maxRunsPerLevel,
                minBase64Run, minHexRun, maxHitsPerPart, contextBytes);
    }

    /** A copy with another decoded-bytes budget. */
    public ScanLimits withMaxDecodedBytes(int bytes) {
        return new ScanLimits(maxDepth, bytes, maxInflateBytes, maxInflateRatio, maxRunsPerLevel, minBase64Run,
                minHexRun, maxHitsPerPart, contextBytes);
    }
}
