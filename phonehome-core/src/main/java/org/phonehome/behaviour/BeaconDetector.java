package org.phonehome.behaviour;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.phonehome.flow.FlowSummary;
import org.phonehome.proto.NamedFlow;

/**
 * Finds destinations the device contacts periodically (beacons, heartbeats, polling), from the start time and the
 * bytes sent of each flow to them.
 *
 * <p><b>Source.</b> RITA (Active Countermeasures), beacon analysis: {@code activecm/rita}
 * {@code analysis/beacons.go} (v5: {@code calculateBowleySkewness}, {@code calculateMedianAbsoluteDeviation},
 * {@code calculateStatisticalScore}, {@code getTimestampScore}, {@code getDataSizeScore}) and the RITA v4 beacon
 * analyzers ({@code tsSkewScore}, {@code tsMadmScore}, {@code tsConnCountScore}, {@code dsSkewScore},
 * {@code dsMadmScore}, averaged into {@code tsScore}, {@code dsScore} and {@code score}). The components are
 * RITA's; how they are combined and two thresholds are ours (below).
 *
 * <p><b>Formula.</b> Sort the start times; the intervals d are the differences between consecutive starts, in
 * seconds, zero intervals dropped (RITA: deltas of the unique timestamps). With Q1, Q2, Q3 the quartiles (Tukey's
 * hinges, as RITA's statistics library), MAD the median absolute deviation about the median, n the intervals and span
 * the time from the first to the last start:
 * <pre>
 *   period        = median(d)
 *   bowley(x)     = (Q1 + Q3 - 2 Q2) / (Q3 - Q1), or 0 when Q3 - Q1 is negligible or Q2 equals Q1 or Q3    [RITA]
 *                   (negligible: at most 0.2 * Q2; for sizes at least 10 bytes)
 *   skewScore(x)  = 1 - |bowley(x)|                                                                     [RITA]
 *   madScore(x)   = clamp((median(x) - MAD(x)) / median(x))                                          [RITA v5]
 *   countScore    = min(1, n * period / span)                                           [after RITA v4's count]
 *   timing        = madScore(d) * (skewScore(d) + countScore) / 2
 *   size          = madScore(bytes out) * skewScore(bytes out)
 *   score         = (2 * timing + size) / 3
 * </pre>
 * Differences from RITA, and why:
 * <ul>
 *   <li>RITA v4 scores the connection count against the whole dataset (one connection every 10 s scores 1); a phone
 *       capture lasts minutes to days and its beacons are minutes apart, so we compare the count with the count
 *       expected if the median interval held over this destination's span: regular contact scores 1, bursts with
 *       long gaps score low (Poisson traffic scores ln 2 ≈ 0.69, the ratio of the exponential's median to its
 *       mean).</li>
 *   <li>RITA averages its parts. For Poisson (random) contact that gives about 0.55 (skew 0.74, MAD 0.31, count
 *       0.69, and random sizes about 0.5): half a beacon. A symmetric spread and a full count do not make contact
 *       regular, so here the dispersion (MAD) score multiplies the others: Poisson contact scores about 0.25, and
 *       about 0.5 when the device sends the same size every time (real HTTPS browsing recorded on loopback,
 *       whose ClientHello and GET barely vary, scored 0.51); a beacon with ±10% jitter about 0.96.</li>
 *   <li>Timing weighs twice the sizes: a phone's heartbeat keeps its clock while its body varies (sequence numbers,
 *       piggybacked data, TLS record padding).</li>
 * *   <li>RITA takes skewness as 0 when Q3 - Q1 is under 10 (seconds or bytes). We take it as 0 when Q3 - Q1 is at
 *       most {@link #NEGLIGIBLE_SPREAD} of the median (for sizes: and at most {@link #NEGLIGIBLE_SIZE_SPREAD} bytes
 *       whatever the median), so the rule scales with the period.</li>
 * </ul>
 * Fewer than {@link #MIN_CONTACTS} contacts (or fewer than 3 non-zero intervals) give no score: RITA's own minimum
 * (3 intervals need 4 timestamps).
 *
 * <p>Limits: the last {@link #MAX_CONTACTS_PER_DESTINATION} contacts per destination are kept.
 */
public final class BeaconDetector {
    /** RITA's minimum: at least 3 intervals, so at least 4 contacts. */
    public static final int MIN_CONTACTS = 4;
    /** Non-zero intervals needed, as RITA. */
    static final int MIN_INTERVALS = 3;
    /**
     * Contacts kept per destination (16 bytes each, 160 KB at most): a beacon every 5 minutes fills it in about
     * 35 days, so any capture a person takes keeps every contact, while a chatty destination cannot grow without end.
     */
    public static final int MAX_CONTACTS_PER_DESTINATION = 10_000;
    /**
     * Score from which a destination is reported as a beacon: Poisson traffic scores about 0.25 (about 0.5 with
     * constant sizes), jittered beacons above 0.9 (see the tests and ScenarioTest's real recording); 0.7 leaves
     * room on both sides.
     */
    public static final double BEACON_THRESHOLD = 0.7;
    /**
     * Shortest period called a beacon: contacts a fraction of a second apart are a burst (a page's DNS lookups, an
     * app opening its connections), not a device checking in. Real heartbeats are seconds to hours apart.
     */
    public static final double MIN_PERIOD_SECONDS = 1.0;
    /**
     * Skewness is ignored (taken as 0) when the middle half of the values lies within this fraction of the median:
     * the contact is regular whatever the shape then, and Bowley's measure of so tight a spread is noise (with 8
     * contacts and ±10% jitter it swings widely from sample to sample). RITA ignores it under an absolute 10
     * (seconds or bytes), which is 17% of a 60 s beacon; a fraction scales from a 1.5 s heartbeat to a daily check
     * alike.
     */
    static final double NEGLIGIBLE_SPREAD = 0.2;
    /** RITA's absolute threshold, kept as a floor for sizes: a spread of up to 10 bytes is none. */
    static final double NEGLIGIBLE_SIZE_SPREAD = 10;
    /** Timing's weight against sizes in the final score (2 : 1), see the class comment. */
    private static final double TIMING_WEIGHT = 2.0 / 3.0;
    private static final double NANOS_PER_SECOND = 1e9;

    private final Map<String, ContactReservoir> byHost = new HashMap<>();

    /** Records one contact (a flow) with {@code host}. */
    public void add(String host, long startNanos, long bytesOut) {
        byHost.computeIfAbsent(host, h -> new ContactReservoir(MAX_CONTACTS_PER_DESTINATION)).add(startNanos, bytesOut);
    }

    /** Records a finished flow under its destination (host name, else the server's IP, as DestinationStats). */
    public void add(NamedFlow flow) {
        FlowSummary s = flow.summary();
        String host = flow.host() != null ? flow.host() : s.info().server().address().toString();
        add(host, s.info().startNanos(), s.bytesOut());
    }

    /** Adds another worker's contacts (the result keeps the latest contacts by time when over the limit). */
    public void merge(BeaconDetector other) {
        other.byHost.forEach((host, theirs) -> {
            ContactReservoir mine = byHost.computeIfAbsent(host,
                    h -> new ContactReservoir(MAX_CONTACTS_PER_DESTINATION));
            long[] starts = concat(mine.starts(), theirs.starts());
            long[] sizes = concat(mine.sizes(), theirs.sizes());
            ContactReservoir merged = new ContactReservoir(MAX_CONTACTS_PER_DESTINATION);
            for (int i : orderByStart(starts)) {
                merged.add(starts[i], sizes[i]);
            }
            byHost.put(host, merged);
        });
    }

    /** The score of {@code host}, empty when it has too few contacts. */
    public Optional<BeaconScore> score(String host) {
        ContactReservoir r = byHost.get(host);
        return r == null ? Optional.empty() : score(r.starts(), r.sizes());
    }

    /** Every destination with enough contacts, by host. */
    public Map<String, BeaconScore> scores() {
        Map<String, BeaconScore> out = new TreeMap<>();
        byHost.forEach((host, r) -> score(r.starts(), r.sizes()).ifPresent(s -> out.put(host, s)));
        return out;
    }

    /**
     * The beacon score of contacts given by their start times (any order) and bytes sent (same order); empty with
     * fewer than {@link #MIN_CONTACTS} contacts, fewer than {@link #MIN_INTERVALS} non-zero intervals, or a median
     * interval under {@link #MIN_PERIOD_SECONDS}.
     */
    public static Optional<BeaconScore> score(long[] startNanos, long[] bytesOut) {
        if (startNanos.length != bytesOut.length) {
            throw new IllegalArgumentException("one size per start time: " + startNanos.length + " starts, "
                    + bytesOut.length + " sizes");
        }
        if (startNanos.length < MIN_CONTACTS) {
            return Optional.empty();
        }
        double[] intervals = intervalsSeconds(startNanos);
        if (intervals.length < MIN_INTERVALS) {
            return Optional.empty();
        }
        double period = RobustStats.median(intervals);
        if (period < MIN_PERIOD_SECONDS) {
            return Optional.empty();
        }
        double spanSeconds = Arrays.stream(intervals).sum();
        double countScore = RobustStats.clamp(intervals.length * period / spanSeconds);
        double timing = RobustStats.dispersionScore(intervals)
                * ((skewScore(intervals, NEGLIGIBLE_SPREAD * period) + countScore) / 2);
        double[] sizes = new double[bytesOut.length];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = bytesOut[i];
        }
        Arrays.sort(sizes);
        double size = RobustStats.dispersionScore(sizes) * skewScore(sizes,
                Math.max(NEGLIGIBLE_SIZE_SPREAD, NEGLIGIBLE_SPREAD * RobustStats.median(sizes)));
        double score = TIMING_WEIGHT * timing + (1 - TIMING_WEIGHT) * size;
        return Optional.of(new BeaconScore(period, round(score), round(timing), round(size), startNanos.length));
    }

    /**
     * Sorted non-zero intervals between consecutive start times, in seconds. Loops, not streams: a destination
     * can have a hundred thousand contacts, scored once at the end while every other thread waits.
     */
    private static double[] intervalsSeconds(long[] startNanos) {
        long[] sorted = startNanos.clone();
        Arrays.sort(sorted);
        double[] out = new double[Math.max(0, sorted.length - 1)];
        int n = 0;
        for (int i = 1; i < sorted.length; i++) {
            long d = sorted[i] - sorted[i - 1];
            if (d > 0) {
                out[n++] = d / NANOS_PER_SECOND;
            }
        }
        out = Arrays.copyOf(out, n);
        Arrays.sort(out);
        return out;
    }

    /** The indexes of {@code starts} in order of start time, ties in index order (a stable merge sort). */
    static int[] orderByStart(long[] starts) {
        int[] order = new int[starts.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int[] tmp = new int[order.length];
        for (int width = 1; width < order.length; width *= 2) {
            for (int lo = 0; lo < order.length - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, order.length);
                int a = lo;
                int b = mid;
                int k = lo;
                while (a < mid && b < hi) {
                    tmp[k++] = starts[order[b]] < starts[order[a]] ? order[b++] : order[a++];
                }
                while (a < mid) {
                    tmp[k++] = order[a++];
                }
                while (b < hi) {
                    tmp[k++] = order[b++];
                }
                System.arraycopy(tmp, lo, order, lo, hi - lo);
            }
        }
        return order;
    }

    private static double skewScore(double[] sorted, double negligibleSpread) {
        return 1 - Math.abs(RobustStats.bowley(sorted, negligibleSpread));
    }

    private static double round(double v) {
        return Math.round(RobustStats.clamp(v) * 1000) / 1000.0;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
