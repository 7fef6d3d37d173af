package org.phonehome.detect.scan;

import org.phonehome.Counters;

/** The decoded bytes a part may still produce ({@link ScanLimits#maxDecodedBytes()}), and where to count its end. */
final class DecodeBudget {
    private Counters anomalies;
    private int remaining;

    DecodeBudget(int bytes, Counters anomalies) {
        reset(bytes, anomalies);
    }

    /** Starts again with {@code bytes}, counting into {@code anomalies}: one budget serves part after part. */
    void reset(int bytes, Counters anomalies) {
        this.remaining = bytes;
        this.anomalies = anomalies;
    }

    int remaining() {
        return remaining;
    }

    /** How many of {@code wanted} bytes may be produced; counts {@code scan_decoded_bytes_limit} when fewer. */
    int allow(long wanted) {
        if (wanted > remaining) {
            anomalies.increment(ScanAnomalies.DECODED_BYTES_LIMIT);
            return remaining;
        }
        return (int) wanted;
    }

    /** Records {@code n} bytes produced. */
    void spend(int n) {
        remaining = Math.max(0, remaining - n);
    }

    Counters anomalies() {
        return anomalies;
    }
}
