package org.phonehome.behaviour;

import org.phonehome.report.Destination;

/**
 * How regularly a destination was contacted ({@link BeaconDetector}).
 *
 * @param periodSeconds the median interval between contacts, in seconds
 * @param score         the beacon score, 0 (irregular) to 1 (clockwork), rounded to 3 decimals
 * @param timingScore   the timing part: interval dispersion, skewness and count (0 to 1)
 * @param sizeScore     the size part: size dispersion and skewness (0 to 1)
 * @param contacts      contacts scored (at most the reservoir's capacity)
 */
public record BeaconScore(double periodSeconds, double score, double timingScore, double sizeScore, int contacts) {

    /** True when the score reaches {@link BeaconDetector#BEACON_THRESHOLD}: report it as a beacon. */
    public boolean isBeacon() {
        return score >= BeaconDetector.BEACON_THRESHOLD;
    }

    /** The report's {@code beacon} (period rounded to milliseconds). */
    public Destination.Beacon toReport() {
        return new Destination.Beacon(Math.round(periodSeconds * 1000) / 1000.0, score);
    }
}
