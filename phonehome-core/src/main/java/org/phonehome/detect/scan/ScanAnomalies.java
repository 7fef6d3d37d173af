package org.phonehome.detect.scan;

/**
 * The scanner's anomaly names (the report's snake_case vocabulary), added to the {@link org.phonehome.Counters}
 * the caller passes. Each counts events, not bytes.
 */
public final class ScanAnomalies {
    private ScanAnomalies() {
    }

    /** A buffer at {@link ScanLimits#maxDepth()} held something decodable that was not opened. */
    public static final String DEPTH_LIMIT = "scan_depth_limit";
    /** A decode was cut short or skipped because the part's decoded-bytes budget was spent. */
    public static final String DECODED_BYTES_LIMIT = "scan_decoded_bytes_limit";
    /** A gzip/zlib stream was cut at {@link ScanLimits#maxInflateRatio()} (its output so far is scanned). */
    public static final String INFLATE_RATIO_LIMIT = "scan_inflate_ratio_limit";
    /** A gzip/zlib stream was cut at {@link ScanLimits#maxInflateBytes()} (its output so far is scanned). */
    public static final String INFLATE_SIZE_LIMIT = "scan_inflate_size_limit";
    /** A gzip/zlib header was followed by invalid deflate data (any output before the error is scanned). */
    public static final String INFLATE_ERROR = "scan_inflate_error";
    /** A gzip/zlib stream ended before its last block (its output so far is scanned). */
    public static final String INFLATE_TRUNCATED = "scan_inflate_truncated";
    /** A buffer had more decodable runs than {@link ScanLimits#maxRunsPerLevel()}; the rest were not opened. */
    public static final String RUNS_LIMIT = "scan_runs_limit";
    /** A part had more hits than {@link ScanLimits#maxHitsPerPart()}; the scan of that part stopped there. */
    public static final String HITS_LIMIT = "scan_hits_limit";
    /** A bug: an unexpected exception inside the scanner, caught so one part cannot end the run. */
    public static final String INTERNAL_ERROR = "scan_internal_error";
}
