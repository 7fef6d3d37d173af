package org.phonehome.detect.pattern;

import java.util.EnumSet;
import java.util.List;

/**
 * Run by hand (not a unit test): {@code java -cp target/classes:target/test-classes:<libphonenumber.jar>
 * org.phonehome.detect.pattern.PatternThroughputCheck [MB]}. Scans typical HTTP query/JSON/header text
 * ({@link Noise}) with all detectors and with each alone, and prints MB/s of the best of five rounds (after a warm-up round).
 */
public final class PatternThroughputCheck {
    private PatternThroughputCheck() {
    }

    public static void main(String[] args) {
        int mb = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        List<byte[]> parts = new Noise(42).parts((long) mb << 20);
        long bytes = parts.stream().mapToLong(p -> p.length).sum();
        System.out.printf("%d parts, %.1f MB, mean part %d bytes%n", parts.size(), bytes / 1e6, bytes / parts.size());
        run("all", PatternConfig.all("CN"), parts, bytes);
        for (PatternKind kind : PatternKind.values()) {
            run(kind.name(), new PatternConfig("CN", EnumSet.of(kind)), parts, bytes);
        }
    }

    private static void run(String label, PatternConfig config, List<byte[]> parts, long bytes) {
        PatternDetector detector = new PatternDetector(config);
        double best = 0;
        long hits = 0;
        for (int round = 0; round < 6; round++) {
            hits = 0;
            long t0 = System.nanoTime();
            for (byte[] part : parts) {
                hits += detector.scan(part, 0, part.length, null).size();
            }
            best = round == 0 ? 0 : Math.max(best, bytes / 1e6 / ((System.nanoTime() - t0) / 1e9));
        }
        System.out.printf("%-15s %8.1f MB/s  hits %d%n", label, best, hits);
    }
}
