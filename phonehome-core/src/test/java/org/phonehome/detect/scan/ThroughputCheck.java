package org.phonehome.detect.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.phonehome.detect.IdentifierVariant;

/**
 * Run by hand (not a unit test): {@code java -cp target/classes:target/test-classes
 * org.phonehome.detect.scan.ThroughputCheck [MB] [patterns]}. Scans random bytes with random patterns of the
 * shapes a profile makes (digits, hex both cases, base64) and prints MB/s of the best of several rounds.
 */
public final class ThroughputCheck {
    private ThroughputCheck() {
    }

    public static void main(String[] args) {
        int mb = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int dense = args.length > 2 ? Integer.parseInt(args[2]) : ByteMatcher.MAX_DENSE_STATES;
        Random rnd = new Random(42);
        byte[] digits = Variants.ascii("0123456789");
        byte[] hexLower = Variants.ascii("0123456789abcdef");
        byte[] hexUpper = Variants.ascii("0123456789ABCDEF");
        byte[] b64 = Variants.ascii("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
        List<IdentifierVariant> variants = new ArrayList<>();
        variants.addAll(Variants.random(rnd, count / 4, 15, 20, digits));
        variants.addAll(Variants.random(rnd, count / 4, 32, 64, hexLower));
        variants.addAll(Variants.random(rnd, count / 4, 32, 64, hexUpper));
        variants.addAll(Variants.random(rnd, count - 3 * (count / 4), 16, 44, b64));
        long t0 = System.nanoTime();
        ByteMatcher m = ByteMatcher.compile(variants, dense);
        long t1 = System.nanoTime();
        System.out.printf("compiled %d patterns: %d states, %.1f MB, %.1f ms%n", variants.size(), m.states(),
                m.memoryBytes() / 1e6, (t1 - t0) / 1e6);
        byte[] text = new byte[mb << 20];
        rnd.nextBytes(text);
        String kind = args.length > 3 ? args[3] : "random";
        if (kind.equals("ascii")) { // printable text: digits, letters, punctuation
            for (int i = 0; i < text.length; i++) {
                text[i] = (byte) (32 + (text[i] & 0x7f) % 95);
            }
        } else if (kind.equals("hex")) {
            for (int i = 0; i < text.length; i++) {
                text[i] = hexLower[text[i] & 15];
            }
        }
        long[] hits = new long[1];
        double best = 0;
        for (int round = 0; round < 5; round++) {
            long s = System.nanoTime();
            m.scan(text, 0, text.length, (p, e) -> hits[0]++);
            double secs = (System.nanoTime() - s) / 1e9;
            best = Math.max(best, text.length / 1e6 / secs);
            System.out.printf("round %d: %.0f MB/s%n", round, text.length / 1e6 / secs);
        }
        System.out.printf("%s text, %d MB, %d patterns: best %.0f MB/s (%d hits)%n", kind, mb, variants.size(),
                best, hits[0]);
    }
}
